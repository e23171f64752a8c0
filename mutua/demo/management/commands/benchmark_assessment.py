"""Time a call's assessment at scale on a throw-away database.

Builds a call with `--applications` applications, each scored by every member
of a panel of `--assessors` (500 and 15 by default: 7,500 score sheets), then
times, cold (a fresh connection) and warm: the assessment overview
(`selectors.assessment_overview`), the ranked shortlist (`standings`, which
reads the overview and ranks), storing it (`standings_write`), the panel's page
as its secretariat sees it, and the assessment report as a PDF.
"""

import gc
import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test import override_settings
from django.urls import reverse

from mutua.calls import selectors
from mutua.calls.models import Call
from mutua.calls.report import report_pdf
from mutua.calls.services.shortlist import standings
from mutua.calls.services.shortlist import standings_write
from mutua.demo import assessment
from mutua.demo import throwaway
from mutua.demo.people import secretariat_persona

BUDGET_MS = 200  # the overview and the shortlist, each
PDF_BUDGET_S = 10
PLAIN_STATIC = settings.STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}


class Command(BaseCommand):
    help = "Time a call's assessment overview, shortlist and report at scale."

    def add_arguments(self, parser):
        throwaway.add_options(parser)
        parser.add_argument("--applications", type=int, default=500)
        parser.add_argument("--assessors", type=int, default=15)
        parser.add_argument("--repeat", type=int, default=10, help="warm runs")

    def handle(self, *args, database, applications, assessors, repeat, **options):
        throwaway.check_sizes(
            applications=applications, assessors=assessors, repeat=repeat
        )

        def measure() -> dict:
            secretariat = secretariat_persona()
            built = assessment.call_in_assessment(
                by=secretariat,
                title="Benchmark: hosts of the support centres",
                applications=applications,
                assessors=assessors,
                seed=1,
            )
            call = Call.objects.get(pk=built.pop("call"))
            return {
                "database": connection.vendor,
                "built": built,
                "runs": _measure(call, secretariat, repeat),
            }

        flags = ["--applications", str(applications), "--assessors", str(assessors)]
        throwaway.measure_here_or_there(
            self,
            [*flags, "--repeat", str(repeat)],
            database=database,
            as_json=options["as_json"],
            doing="building the call and its score sheets, then timing",
            measure=measure,
            report=_report,
        )


def _measure(call: Call, secretariat: User, repeat: int) -> dict:
    gc.collect()
    gc.freeze()  # as the server does once loaded (mutua/wsgi.py)
    client = Client()
    client.force_login(secretariat)
    page = reverse("calls:panel", args=[call.uuid])

    def panel_page():
        # The throw-away database has no collected static files: plain URLs.
        with override_settings(STORAGES=PLAIN_STATIC):
            response = client.get(page)
        assert response.status_code == 200, response.status_code

    runs = {
        "assessment overview": throwaway.cold_then_warm(
            lambda: selectors.assessment_overview(call), repeat
        ),
        "ranked shortlist": throwaway.cold_then_warm(lambda: standings(call), repeat),
        "shortlist written": throwaway.cold_then_warm(
            lambda: standings_write(call), repeat
        ),
        "panel page (HTML)": throwaway.cold_then_warm(panel_page, repeat),
    }
    started = time.perf_counter()
    body = report_pdf(call, selectors.assessment_report(call))
    runs["report PDF"] = {
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": len(body),
    }
    return runs


def _report(f: dict) -> str:
    built = f["built"]
    lines = [
        f"Database: {f['database']}; built {built['applications']:,} applications, "
        f"{built['assessors']} assessors, {built['sheets']:,} score sheets and "
        f"{built['scores']:,} scores in {built['seconds']} s.",
        "",
        f"{'':28} {'cold':>8} {'p50':>8} {'p95':>8} {'max':>8}   (ms)",
    ]
    worst = 0.0
    for name, run in f["runs"].items():
        if "cold_ms" not in run:
            continue
        figures = [run[k] for k in ("cold_ms", "p50_ms", "p95_ms", "max_ms")]
        lines.append(f"{name:28} " + " ".join(f"{x:8.1f}" for x in figures))
        if name in ("assessment overview", "ranked shortlist"):
            worst = max(worst, run["cold_ms"], run["max_ms"])
    pdf = f["runs"]["report PDF"]
    lines += [
        "",
        f"Report PDF: {pdf['seconds']} s, {pdf['bytes']:,} bytes.",
        "",
        f"Budget {BUDGET_MS} ms for the overview and the shortlist: "
        f"{'met' if worst < BUDGET_MS else 'NOT met'} (slowest run {worst:,.0f} ms).",
        f"Budget {PDF_BUDGET_S} s for the PDF: "
        f"{'met' if pdf['seconds'] < PDF_BUDGET_S else 'NOT met'}.",
    ]
    return "\n".join(lines) + "\n"
