"""Queue the e-mail digests of one period for the worker (run daily and weekly)."""

from django.core.management.base import BaseCommand

from mutua.notifications.jobs import send_digests
from mutua.notifications.models import DIGESTS


class Command(BaseCommand):
    help = "Queue the daily or weekly digests of notifications for the worker."

    def add_arguments(self, parser):
        parser.add_argument("period", choices=DIGESTS)

    def handle(self, *args, period, **options):
        send_digests.enqueue(period)
        self.stdout.write(f"The {period} digests are queued for the worker.")
