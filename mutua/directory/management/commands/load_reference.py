from django.core.management.base import BaseCommand
from django.utils import timezone

from mutua.directory.reference import load_reference


class Command(BaseCommand):
    help = "Load countries, regions, GBF goals and targets, modalities, resource types and languages."

    def handle(self, *args, **options):
        counts = load_reference(today=timezone.localdate())
        self.stdout.write(
            ", ".join(f"{n} {what}" for what, n in counts.items()) + " loaded."
        )
