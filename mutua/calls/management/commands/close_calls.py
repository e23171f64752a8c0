from django.core.management.base import BaseCommand

from mutua.calls.services.calls import close_calls_past_their_time


class Command(BaseCommand):
    help = "Close the open calls whose closing time has passed (run it hourly)."

    def handle(self, *args, **options):
        closed = close_calls_past_their_time()
        self.stdout.write(f"{closed} closed.")
