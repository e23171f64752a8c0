from django.core.management.base import BaseCommand

from mutua.matching.windows import follow_up


class Command(BaseCommand):
    help = (
        "Remind the sides of proposals about to lapse, lapse those not answered "
        "in time, pause offers that let them lapse, and escalate requests left "
        "unmatched (run it daily)."
    )

    def handle(self, *args, **options):
        done = follow_up()
        self.stdout.write(
            f"{done.reminded} reminded, {done.lapsed} lapsed, {done.paused} offers "
            f"paused, {done.escalated} requests escalated."
        )
