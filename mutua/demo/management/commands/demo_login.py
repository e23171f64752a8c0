from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.demo.people import persona_logins_reset


class Command(BaseCommand):
    help = "Give every demo persona a fresh password and print the logins, one a line."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo-login is for development instances (DEBUG=1) only."
            )
        logins, missing = persona_logins_reset()
        for login in logins:
            self.stdout.write(
                self.style.SUCCESS(f"{login.label}: {login.email} / {login.password}")
            )
        if missing:
            self.stdout.write(
                f"{missing} more demo personas appear after `mutua seed-demo`."
            )
