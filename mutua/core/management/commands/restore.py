"""Restore the database from a backup made by `mutua backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand

from mutua.core.backup import database_restore


class Command(BaseCommand):
    help = (
        "Restore the database from FILE, a backup made by `mutua backup`, into a "
        "new, empty database (or, with --force, in place of what it holds). "
        "Stop the server and the worker first; run `mutua migrate` after."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the content of a database that already holds tables",
        )

    def handle(self, *args, file, force, **options):
        database_restore(file, force=force)
        self.stdout.write(self.style.SUCCESS(f"Restored the database from {file}."))
