import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.core.errors import ValidationError
from mutua.demo.calls import calls_demo_create
from mutua.demo.community import discussions_demo_create
from mutua.demo.cooperation import cooperation_demo_create
from mutua.demo.people import secretariat_persona
from mutua.demo.seed import demo_data_create


class Command(BaseCommand):
    help = (
        "Create made-up demo data: about N/20 organizations, N requests, N offers, "
        "N/20 funding opportunities and the demo personas, then N/10 partnerships "
        "(at least 100) with their activities and results, exchange rates and focal "
        "points' use over five years, and two calls: the 2023 selection of the "
        "support centres' hosts, completed, and a seed-grant round under "
        "assessment. Running it again at the same scale does nothing; a larger "
        "scale tops up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=200, help="requests and offers (default 200)"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (default 1)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (never on a production database)",
        )

    def handle(self, *args, scale, seed, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "seed-demo writes made-up data: run it with DEBUG=1, or give --force "
                "on a throw-away database."
            )
        try:
            report = demo_data_create(
                scale=scale, seed=seed, progress=self.stdout.write
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self._tell(
            report.created, report.seconds, f"Demo data already at scale {scale:,}"
        )
        started = time.monotonic()
        cooperation = cooperation_demo_create(
            scale=scale, seed=seed, progress=self.stdout.write
        )
        self._tell(
            cooperation, time.monotonic() - started, "Demo cooperation already there"
        )
        started = time.monotonic()
        calls = calls_demo_create(seed=seed, secretariat=secretariat_persona())
        self._tell(calls, time.monotonic() - started, "Demo calls already there")
        started = time.monotonic()
        talk = discussions_demo_create(secretariat=secretariat_persona())
        self._tell(talk, time.monotonic() - started, "Demo discussions already there")

    def _tell(self, created: dict[str, int], seconds: float, already: str) -> None:
        if not any(created.values()):
            self.stdout.write(f"{already}: nothing to do.")
            return
        made = ", ".join(f"{n:,} {what}" for what, n in created.items() if n)
        self.stdout.write(self.style.SUCCESS(f"Created {made} in {seconds:.1f} s."))
