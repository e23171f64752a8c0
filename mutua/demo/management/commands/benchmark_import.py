"""Time a large import on a throw-away database: its check, then its write.

Builds a fresh SQLite file or PostgreSQL database with the reference data, a
member of a Malawian organization, then in a child process on that database
imports `--rows` requests and `--rows` offers as that member, with publication,
through the page's path (`importing.services.read`, `check`, `write`). The check
only reads; the write is the time the write lock is held, which every other writer
waits for. The user's database is never touched.
"""

import csv
import datetime as dt
import io
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from mutua.demo import throwaway
from mutua.directory.models import Country
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.importing import services

BUDGET_S = 10
ORGANIZATION = "Benchmark Wetlands Trust"


class Command(BaseCommand):
    help = "Time the check and the write of a large import on a throw-away database."

    def add_arguments(self, parser):
        throwaway.add_options(parser)
        parser.add_argument("--rows", type=int, default=5000)

    def handle(self, *args, database, rows, as_json, **options):
        throwaway.check_sizes(rows=rows)
        throwaway.measure_here_or_there(
            self,
            ["--rows", str(rows)],
            database=database,
            as_json=as_json,
            doing="importing",
            measure=lambda: {
                "database": connection.vendor,
                "rows": rows,
                "runs": _measure(rows),
            },
            report=_report,
        )


def _member() -> User:
    malawi = Country.objects.get(iso3="MWI")
    user = User.objects.create_user("importer", "importer@example.org")
    organization = Organization.objects.create(name=ORGANIZATION, country=malawi)
    Membership.objects.create(user=user, organization=organization, is_admin=True)
    return user


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _requests(n: int) -> bytes:
    header = ["title", "country", "organization", "challenge", "barriers"]
    header += ["targets", "modalities", "resources", "languages", "beneficiaries"]
    header += ["budget_amount", "budget_currency", "touches_iplc_lands"]
    return _csv(
        [header]
        + [
            [f"Barcoding of freshwater fish, survey {i}", "MWI", ORGANIZATION]
            + [f"Cichlid species {i} decline and cannot be told apart in surveys."]
            + ["No laboratory and no trained taxonomists.", "4;20"]
            + ["joint_training;networking", "expertise", "en;fr", "iplc;youth"]
            + ["15000", "USD", "no"]
            for i in range(n)
        ]
    )


def _offers(n: int) -> bytes:
    until = (timezone.localdate() + dt.timedelta(days=365)).isoformat()
    header = ["title", "organization", "description", "targets", "modalities"]
    header += ["languages", "serves", "eligibility", "capacity", "valid_until"]
    return _csv(
        [header]
        + [
            [f"DNA barcoding course {i}", ORGANIZATION]
            + [f"Two weeks of hands-on barcoding of freshwater fauna, session {i}."]
            + ["4", "joint_training", "en", "014;MWI", "LDC", "2", until]
            for i in range(n)
        ]
    )


def _measure(rows: int) -> dict:
    by = _member()
    runs = {}
    for kind, data in (("requests", _requests(rows)), ("offers", _offers(rows))):
        started = time.perf_counter()
        sheet, outcome = services.read(
            data=data, filename=f"{kind}.csv", kind=kind, max_rows=None
        )
        services.check(sheet, outcome, by=by, publish=True)
        checked = time.perf_counter()
        services.write(outcome, by=by)
        written = time.perf_counter()
        if not outcome.ok or outcome.created != rows:
            raise CommandError(
                f"The {kind} were not all imported: {outcome.problems[:5]}"
            )
        runs[kind] = {
            "check_s": round(checked - started, 2),
            "write_s": round(written - checked, 2),
        }
    return runs


def _report(f: dict) -> str:
    lines = [
        f"Database: {f['database']}; {f['rows']:,} rows of each kind, "
        "published or submitted on import.",
        "",
        f"{'':10} {'check (no lock), s':>20} {'write (lock held), s':>22}",
    ]
    for kind, run in f["runs"].items():
        lines.append(f"{kind:10} {run['check_s']:20.2f} {run['write_s']:22.2f}")
    worst = max(run["write_s"] for run in f["runs"].values())
    verdict = "met" if worst < BUDGET_S else "NOT met"
    lines += ["", f"Budget {BUDGET_S} s for the write: {verdict} (slowest {worst} s)."]
    return "\n".join(lines) + "\n"
