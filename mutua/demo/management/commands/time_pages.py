"""Time list and search pages in-process (server time), printing one JSON line.

Each page is timed warm (its counts already in the cache, as for most visits)
and cold (the cache emptied before each request, as for the first visit after
a record changes). Run by `mutua benchmark` on its throw-away database.
"""

import json
import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.test import Client

from mutua.core.figures import percentile

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
            warm = [_timed(client, path) for _ in range(repeat)]
            cold = []
            for _ in range(repeat):
                cache.clear()
                cold.append(_timed(client, path))
            rows.append({"path": path, **_summary("", warm), **_summary("cold_", cold)})
        self.stdout.write(json.dumps(rows))


def _timed(client: Client, path: str) -> float:
    started = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - started) * 1000


def _summary(prefix: str, times: list[float]) -> dict[str, float]:
    return {
        f"{prefix}p50_ms": round(statistics.median(times), 1),
        f"{prefix}p95_ms": round(percentile(times, 0.95), 1),
    }
