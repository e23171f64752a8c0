from django.core.management.base import BaseCommand
from django.utils import timezone

from mutua.exchange.renewal import listings_expire_due
from mutua.exchange.renewal import listings_remind_due


class Command(BaseCommand):
    help = (
        "Remind owners of offers and opportunities about to end, and expire ended ones."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminded = listings_remind_due(today=today)
        expired = listings_expire_due(today=today)
        self.stdout.write(f"{reminded} reminded, {expired} expired.")
