from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.importing import columns
from mutua.importing import services


class Command(BaseCommand):
    help = (
        "Import organizations, requests or offers from a CSV or XLSX file as a "
        "user, with the user's permissions: every row or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--kind",
            choices=columns.KINDS,
            help="what the file holds (read from its header row when not given)",
        )
        parser.add_argument(
            "--as",
            dest="email",
            required=True,
            metavar="EMAIL",
            help="the e-mail address of the user the rows are imported as",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish new offers and submit new requests once imported",
        )

    def handle(self, *args, file, kind, email, publish, **options):
        users = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
        if len(users) != 1:
            raise CommandError(f"No single active user has the e-mail {email}.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        outcome = services.import_file(
            by=users[0], data=data, filename=file, kind=kind, publish=publish
        )
        for problem in outcome.problems:
            self.stderr.write(str(problem))
        if not outcome.ok:
            raise CommandError(
                f"Nothing was imported: {len(outcome.problems)} problem(s) found."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome.created} {outcome.kind} imported"
                f"{f', {outcome.existing} already present' if outcome.existing else ''}."
            )
        )
