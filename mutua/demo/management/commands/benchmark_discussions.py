"""Time the discussions and the weekly digest at scale on a throw-away database.

Builds `--posts` posts in `--threads` threads (1,000,000 in 20,000 by
default) over twenty spaces, then times, as the server answers them (the
test client, in process), a thread's page (its first and its last) and a
space's page (its first and a deep one); then `--readers` accounts (50,000)
with three notifications each waiting for the weekly digest, and the worker's
job that composes and sends every digest (to memory).
"""

import gc
import time

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test import override_settings
from django.urls import reverse

from mutua.community.models import Space
from mutua.community.models import Thread
from mutua.core.figures import percentile
from mutua.demo import discussions
from mutua.demo import throwaway
from mutua.notifications.jobs import send_digests
from mutua.notifications.models import Delivery

PAGE_BUDGET_MS = 50  # p95 of a thread's and a space's page, on PostgreSQL
DIGEST_BUDGET_S = 300
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class Command(BaseCommand):
    help = "Time discussion pages at 1,000,000 posts and weekly digests for 50,000."

    def add_arguments(self, parser):
        throwaway.add_options(parser, database="postgresql")
        parser.add_argument("--posts", type=int, default=1_000_000)
        parser.add_argument("--threads", type=int, default=20_000)
        parser.add_argument("--readers", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=30, help="runs a page")

    def handle(self, *args, database, posts, threads, readers, repeat, **options):
        throwaway.check_sizes(
            posts=posts, threads=threads, readers=readers, repeat=repeat
        )

        def measure() -> dict:
            built = discussions.discussions(spaces=20, threads=threads, posts=posts)
            pages = _pages(repeat)
            news = discussions.weekly_news(users=readers, each=3)
            return {
                "database": connection.vendor,
                "built": built,
                "pages": pages,
                "news": news,
                "digest": _digest(),
            }

        throwaway.measure_here_or_there(
            self,
            [
                "--posts",
                str(posts),
                "--threads",
                str(threads),
                "--readers",
                str(readers),
                "--repeat",
                str(repeat),
            ],  # fmt: skip
            database=database,
            as_json=options["as_json"],
            doing="writing the discussions and notifications, then timing",
            measure=measure,
            report=_report,
        )


def _timed(client: Client, url: str, repeat: int) -> dict:
    runs = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        response = client.get(url)
        runs.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    warm = runs[1:]
    return {
        "cold_ms": round(runs[0], 1),
        "p50_ms": round(percentile(warm, 0.5), 1),
        "p95_ms": round(percentile(warm, 0.95), 1),
    }


def _pages(repeat: int) -> dict:
    gc.collect()
    gc.freeze()  # as the server does once loaded (mutua/wsgi.py)
    client = Client()
    thread = Thread.objects.order_by("pk")[Thread.objects.count() // 2]
    space = Space.objects.order_by("pk").first()
    thread_url = reverse("community:thread", args=[thread.uuid])
    space_url = reverse("community:space", args=[space.uuid])
    last = (thread.post_count - 1) // 30 + 1
    deep = max(1, space.thread_count // 30 // 2)
    with override_settings(STORAGES=PLAIN_STATIC):
        return {
            "thread page (first)": _timed(client, thread_url, repeat),
            f"thread page ({last}, last)": _timed(
                client, f"{thread_url}?page={last}", repeat
            ),
            "space page (first)": _timed(client, space_url, repeat),
            f"space page ({deep})": _timed(client, f"{space_url}?page={deep}", repeat),
        }


def _digest() -> dict:
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        mail.outbox = []
        started = time.perf_counter()
        sent = send_digests.call(Delivery.WEEKLY)
        seconds = time.perf_counter() - started
        size = sum(len(m.body) for m in mail.outbox)
        mail.outbox = []
    return {"digests": sent, "seconds": round(seconds, 1), "bytes": size}


def _report(f: dict) -> str:
    built, news, digest = f["built"], f["news"], f["digest"]
    lines = [
        f"Database: {f['database']}; built {built['posts']:,} posts in "
        f"{built['threads']:,} threads of {built['spaces']} spaces in "
        f"{built['seconds']} s.",
        "",
        f"{'':28} {'cold':>8} {'p50':>8} {'p95':>8}   (ms)",
    ]
    worst = 0.0
    for name, run in f["pages"].items():
        figures = [run[k] for k in ("cold_ms", "p50_ms", "p95_ms")]
        lines.append(f"{name:28} " + " ".join(f"{x:8.1f}" for x in figures))
        worst = max(worst, run["p95_ms"])
    lines += [
        "",
        f"Weekly digests: {digest['digests']:,} for {news['users']:,} readers "
        f"({news['notifications']:,} notifications) composed and sent in "
        f"{digest['seconds']} s ({digest['bytes']:,} bytes of text).",
        "",
        f"Budget {PAGE_BUDGET_MS} ms at p95 for the pages: "
        f"{'met' if worst < PAGE_BUDGET_MS else 'NOT met'} (slowest p95 {worst:.1f} ms).",
        f"Budget {DIGEST_BUDGET_S} s for the digests: "
        f"{'met' if digest['seconds'] < DIGEST_BUDGET_S else 'NOT met'}.",
    ]
    return "\n".join(lines) + "\n"
