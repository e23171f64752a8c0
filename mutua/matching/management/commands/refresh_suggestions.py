"""Rank the offers for every published request now, without the job queue.

For a fresh demo, after a bulk import, or after changing the engine; day to day
the background jobs keep suggestions current.
"""

import time

from django.core.management.base import BaseCommand

from mutua.exchange.models import Request
from mutua.matching.ranking import suggestions_refresh


class Command(BaseCommand):
    help = "Work out the suggested offers of every published request now."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = suggestions_refresh(Request.objects.all())
        seconds = time.perf_counter() - started
        requests = "request" if count == 1 else "requests"
        self.stdout.write(
            f"Suggestions worked out for {count:,} {requests} in {seconds:.1f} s."
        )
