"""Time list and search pages in-process (server time), printing one JSON line.

Run by `mutua benchmark` on its throw-away database.
"""

import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.test import Client

PATHS = [
    "/requests/",
    "/requests/?page=50",
    "/requests/?q=restoration",
    "/requests/?q=mangrove+restauration",
    "/requests/?q=coral&group=SIDS",
    "/requests/?target=14&region=002",
    "/requests/?modality=joint_training&language=fr",
    "/offers/",
    "/offers/?q=training",
    "/offers/?target=3&group=LDC",
    "/opportunities/",
    "/organizations/",
    "/organizations/?q=university",
    "/api/v1/requests",
    "/api/v1/requests?q=restoration",
    "/api/v1/offers?target=3",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time the public list and search pages in-process and print one JSON line."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, *args, repeat, **options):
        client = Client()
        rows = []
        for path in PATHS:
            response = client.get(path)  # warm-up, and a check that the page works
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            rows.append(
                {
                    "path": path,
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(percentile(times, 0.95), 1),
                }
            )
        self.stdout.write(json.dumps(rows))
