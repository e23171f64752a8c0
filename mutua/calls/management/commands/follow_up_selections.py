from django.core.management.base import BaseCommand

from mutua.calls.services.selection import selections_follow_up


class Command(BaseCommand):
    help = (
        "Remind selected hosts of their deadlines a week ahead, and lapse the "
        "selections not accepted in time (run it daily)."
    )

    def handle(self, *args, **options):
        counts = selections_follow_up()
        self.stdout.write(f"{counts['reminded']} reminded, {counts['lapsed']} lapsed.")
