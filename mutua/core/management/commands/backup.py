"""Back up the database to a file while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand

from mutua.core.backup import database_backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE while the site runs (SQLite: its "
        "online backup; PostgreSQL: pg_dump's custom format)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        database_backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {file}."))
