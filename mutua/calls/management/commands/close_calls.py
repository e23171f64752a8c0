from django.core.management.base import BaseCommand

from mutua.calls.services.calls import close_calls_past_their_time
from mutua.calls.services.calls import remind_drafts_before_closing


class Command(BaseCommand):
    help = (
        "Remind the applicants whose application is still a draft three days "
        "before their call closes, and close the open calls whose closing time "
        "has passed (run it hourly)."
    )

    def handle(self, *args, **options):
        reminded = remind_drafts_before_closing()
        closed = close_calls_past_their_time()
        self.stdout.write(f"{reminded} reminded, {closed} closed.")
