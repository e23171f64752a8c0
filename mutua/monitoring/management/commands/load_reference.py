"""`mutua load-reference`: the reference data of every app, from its shipped files.

It lives in monitoring, the highest app whose data it loads (the Theory of
Change), so that no app imports one above it.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from mutua.directory.reference import load_reference
from mutua.monitoring.services import load_theory_of_change


class Command(BaseCommand):
    help = (
        "Load countries, regions, GBF goals and targets, modalities, resource "
        "types, target groups, languages, countries' languages, and the Theory of Change "
        "if none is kept."
    )

    def handle(self, *args, **options):
        counts = load_reference(today=timezone.localdate())
        counts["steps of the Theory of Change"] = load_theory_of_change()
        self.stdout.write(
            ", ".join(f"{n} {what}" for what, n in counts.items()) + " loaded."
        )
