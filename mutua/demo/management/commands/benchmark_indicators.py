"""Time the results dashboard at scale on a throw-away database.

Builds `--partnerships` partnerships and `--activities` activities over ten years,
with participants, attendance, results, funding and focal points' use in the
proportions of the demo (`mutua.demo.indicators`), in a PostgreSQL database created
and dropped for the run, or a temporary SQLite file. Then, in a child process on
that database: ANALYZE, and `selectors.dashboard(year)` timed once cold (on a
fresh connection) and then warm, for everyone, for a region and for a country
group, with the slowest indicators. The build is timed too, but it is not the
figure that counts. The user's database is never touched.
"""

import datetime as dt
import statistics
from collections.abc import Callable

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from mutua.demo import indicators
from mutua.demo import throwaway
from mutua.directory.models import Region
from mutua.monitoring import selectors
from mutua.monitoring.indicators.registry import INDICATORS

BUDGET_MS = 2_000


class Command(BaseCommand):
    help = "Time the results dashboard over many partnerships on a throw-away database."

    def add_arguments(self, parser):
        throwaway.add_options(parser, database="postgresql")
        parser.add_argument("--partnerships", type=int, default=100_000)
        parser.add_argument("--activities", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=10, help="warm runs")
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--region", default="002", help="M49 code (Africa)")
        parser.add_argument("--group", default="ldc", choices=list(selectors.GROUPS))

    def handle(self, *args, database, partnerships, activities, repeat, **options):
        throwaway.check_sizes(
            partnerships=partnerships, activities=activities, repeat=repeat
        )
        year, region, group = options["year"], options["region"], options["group"]

        def measure() -> dict:
            built = indicators.build(partnerships, activities)
            runs = _measure(year, repeat, region, group)
            return {
                "database": connection.vendor,
                "year": year,
                "built": built,
                "runs": runs,
            }

        flags = ["--partnerships", str(partnerships), "--activities", str(activities)]
        flags += ["--repeat", str(repeat), "--year", str(year)]
        flags += ["--region", region, "--group", group]
        throwaway.measure_here_or_there(
            self,
            flags,
            database=database,
            as_json=options["as_json"],
            doing="building the records, then timing the dashboard",
            measure=measure,
            report=_report,
        )


# Measuring -----------------------------------------------------------------------


def _measure(year: int, repeat: int, region_code: str, group: str) -> dict:
    """The year's values (the page), then the trends (fetched after it), each timed
    cold (a fresh connection) then warm, for three scopes."""
    region = Region.objects.get(code=region_code)
    runs = {}
    for name, scope in (
        ("everyone", {}),
        (f"region {region.name}", {"region": region}),
        (f"group {selectors.GROUPS[group][0]}", {"group": group}),
    ):
        runs[f"year's values, {name}"] = _timed(
            selectors.year_values, year, scope, repeat
        )
        runs[f"five-year trends, {name}"] = _timed(
            selectors.dashboard, year, scope, repeat
        ) | {"slowest": _slowest(year, scope)}
    return runs


def _timed(compute: Callable, year: int, scope: dict, repeat: int) -> dict:
    return throwaway.cold_then_warm(lambda: compute(year, **scope), repeat)


def _slowest(year: int, scope: dict, top: int = 5) -> list[tuple[str, float]]:
    """The indicators taking longest, by the median of three runs of each trend."""
    period = selectors.Scope(
        dt.date(year - selectors.TREND_YEARS + 1, 1, 1),
        dt.date(year + 1, 1, 1),
        **scope,
    )
    times = {
        i.code: statistics.median(
            throwaway.ms(lambda i=i: selectors.by_year(i, period)) for _ in range(3)
        )
        for i in INDICATORS
    }
    ranked = sorted(times.items(), key=lambda item: -item[1])[:top]
    return [(code, round(ms, 1)) for code, ms in ranked]


def _report(f: dict) -> str:
    built = f["built"]
    made = ", ".join(f"{n:,} {what}" for what, n in built.items() if what != "seconds")
    lines = [
        f"Database: {f['database']}; built {made} in {built['seconds']} s.",
        f"Every indicator for {f['year']}: the page's values (selectors.year_values),",
        "then the five-year trends fetched after it (selectors.dashboard), in ms:",
        "",
        f"{'':40} {'cold':>8} {'p50':>8} {'p95':>8} {'max':>8}",
    ]
    for name, run in f["runs"].items():
        figures = [run[k] for k in ("cold_ms", "p50_ms", "p95_ms", "max_ms")]
        lines.append(f"{name:40} " + " ".join(f"{x:8.1f}" for x in figures))
    worst = max(
        max(r["cold_ms"], r["max_ms"])
        for name, r in f["runs"].items()
        if name.startswith("year's")
    )
    verdict = "met" if worst < BUDGET_MS else "NOT met"
    lines += [
        "",
        f"Budget {BUDGET_MS:,} ms for the year's values: {verdict} "
        f"(slowest run {worst:,.0f} ms).",
        "",
    ]
    lines.append("Slowest indicators (ms, median of three trends):")
    for name, run in f["runs"].items():
        if "slowest" in run:
            lines.append(
                f"  {name}: " + ", ".join(f"{c} {ms}" for c, ms in run["slowest"])
            )
    return "\n".join(lines) + "\n"
