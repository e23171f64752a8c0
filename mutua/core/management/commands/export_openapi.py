"""Write the OpenAPI description of the API, or check the committed one.

`make openapi` writes docs/openapi.json; `make lint` fails when it drifts.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError


class Command(BaseCommand):
    help = "Write the API's OpenAPI description to FILE, or with --check fail if FILE differs."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, file, check, **options):
        from mutua.api import api

        text = json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True) + "\n"
        path = Path(file)
        if check:
            if not path.exists() or path.read_text() != text:
                raise CommandError(
                    f"{file} is out of date with the API: run `make openapi` and commit it."
                )
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.stdout.write(f"Wrote {file}.")
