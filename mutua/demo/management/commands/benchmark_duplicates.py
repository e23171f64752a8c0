"""Time the submission of a request, with its duplicate check, on a throw-away database.

Builds `--open` open requests of one country (Malawi) and as many again spread
over other countries, their words drawn from the GBF targets' text, in a PostgreSQL database created and dropped for the run,
or a temporary SQLite file. Then, in a child process on that database: ANALYZE,
and `--repeat` submissions by the country's focal point, each of a fresh draft
that copies an open request with a word changed, so that every submission has a
look-alike to find. Each submission (`request_transition`, its duplicate
check included) is timed; the drafting is not. The user's database is never
touched.
"""

import random
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from mutua.core.figures import percentile
from mutua.core.text import index_text
from mutua.demo import throwaway
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import RoleAssignment
from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition

BUDGET_MS = 30
COUNTRY = "MWI"
STATUSES = [
    Request.Status.SUBMITTED,
    Request.Status.UNDER_REVIEW,
    Request.Status.PUBLISHED,
]


class Command(BaseCommand):
    help = (
        "Time request submission, duplicate check included, on a throw-away database."
    )

    def add_arguments(self, parser):
        throwaway.add_options(parser)
        parser.add_argument(
            "--open",
            type=int,
            default=5_000,
            dest="open_requests",
            help="open requests of the country",
        )
        parser.add_argument("--repeat", type=int, default=50, help="submissions")

    def handle(self, *args, database, open_requests, repeat, as_json, **options):
        throwaway.check_sizes(open=open_requests, repeat=repeat)
        throwaway.measure_here_or_there(
            self,
            ["--open", str(open_requests), "--repeat", str(repeat)],
            database=database,
            as_json=as_json,
            doing="building the requests, then timing submissions",
            measure=lambda: _measure(open_requests, repeat),
            report=_report,
        )


def _vocabulary() -> list[str]:
    """Every word of the GBF targets, as often as it appears there: requests
    speak that language, its common words ("biodiversity", "including") in
    most of them."""
    texts = GbfTarget.objects.values_list("title", "text")
    return [word for pair in texts for word in " ".join(pair).split()]


def _text(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def _build(
    rng: random.Random, words: list[str], country: Country, n: int, author: User
) -> None:
    """`n` open requests of `country`, as many again of the other countries."""
    others = list(Country.objects.exclude(pk=country.pk))
    now = timezone.now()
    rows = []
    for i in range(2 * n):
        where = country if i < n else rng.choice(others)
        title, challenge = _text(rng, words, 8), _text(rng, words, 40)
        rows.append(
            Request(
                country=where,
                created_by=author,
                status=rng.choice(STATUSES),
                status_changed_at=now,
                published_at=now,
                title=title.capitalize(),
                challenge=challenge.capitalize() + ".",
                touches_iplc_lands="no",
                search_text=index_text(title, challenge, where.name),
            )
        )
    Request.objects.bulk_create(rows, batch_size=1_000)


def _measure(n: int, repeat: int) -> dict:
    rng = random.Random(7)
    country = Country.objects.get(iso3=COUNTRY)
    focal_point = User.objects.create_user("benchmark-focal-point")
    RoleAssignment.objects.create(
        user=focal_point, role=RoleAssignment.Role.FOCAL_POINT, country=country
    )
    started = time.perf_counter()
    words = _vocabulary()
    _build(rng, words, country, n, focal_point)
    built = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    originals = list(Request.objects.filter(country=country).order_by("?")[:repeat])
    times, found = [], 0
    for original in originals:
        changed = original.challenge.split()
        changed[rng.randrange(len(changed))] = rng.choice(words)
        draft = request_create(
            by=focal_point,
            country=country,
            title=original.title,
            challenge=" ".join(changed),
            touches_iplc_lands="no",
        )
        started = time.perf_counter()
        request_transition(request=draft, action="submit", by=focal_point)
        times.append((time.perf_counter() - started) * 1000)
        found += draft.possible_duplicates.filter(pk=original.pk).exists()
    return {
        "database": connection.vendor,
        "open": Request.objects.filter(country=country)
        .exclude(status=Request.Status.DRAFT)
        .count(),
        "built_seconds": built,
        "submissions": len(times),
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "look_alikes_found": found,
    }


def _report(f: dict) -> str:
    verdict = "met" if f["p95_ms"] < BUDGET_MS else "NOT met"
    return (
        f"Database: {f['database']}; {f['open']:,} open requests of {COUNTRY} "
        f"(built in {f['built_seconds']} s).\n"
        f"Submission with its duplicate check, {f['submissions']} times, in ms: "
        f"p50 {f['p50_ms']}, p95 {f['p95_ms']}, max {f['max_ms']}.\n"
        f"Look-alike found: {f['look_alikes_found']} of {f['submissions']}.\n"
        f"Budget {BUDGET_MS} ms: {verdict}.\n"
    )
