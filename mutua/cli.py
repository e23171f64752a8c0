"""The `mutua` console command: Django's management commands with our settings.

Commands are spelled with hyphens on the command line (`mutua load-reference`)
and live in modules with underscores (`load_reference.py`).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutua.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)
