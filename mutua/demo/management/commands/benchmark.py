"""Measure the exchange's budgets on a throw-away database, and print the figures.

Builds a fresh SQLite file or PostgreSQL database, loads the reference data and
`seed-demo --scale N`, then measures: the server time of list and search pages
(in-process, p50/p95), the API list endpoint's throughput and latency under wrk
against granian with two workers on loopback, and what each public page weighs
compressed and how many requests it makes. The user's database is never touched.
"""

import gzip
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.demo import throwaway

PORT = 8765
PG_BENCH_DB = "mutua_benchmark"
PUBLIC_PAGES = [
    "/",
    "/requests/",
    "/offers/",
    "/opportunities/",
    "/organizations/",
    "/countries/",
]
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')


class Command(BaseCommand):
    help = "Benchmark list, search, API and page weight on a throw-away database."

    def add_arguments(self, parser):
        throwaway.add_options(parser)
        parser.add_argument("--scale", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20, help="timings per page")
        parser.add_argument("--duration", type=int, default=10, help="seconds of load")

    def handle(self, *args, database, scale, repeat, duration, as_json, **options):
        throwaway.check_sizes(scale=scale, repeat=repeat, duration=duration)
        if shutil.which("wrk") is None:
            raise CommandError(
                "wrk is missing: `apt-get install wrk` (make bench does)."
            )
        workdir = Path(tempfile.mkdtemp(prefix="mutua-bench-"))
        url = ""
        if database == "postgresql":
            throwaway.recreate_pg_database(PG_BENCH_DB)
            url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
        try:
            figures = self._run(
                throwaway.environment(workdir, database_url=url),
                scale,
                repeat,
                duration,
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            if database == "postgresql":
                throwaway.drop_pg_database(PG_BENCH_DB)
        figures.update(database=database, scale=scale)
        if as_json:
            self.stdout.write(json.dumps(figures, sort_keys=True))
        else:
            self.stdout.write(_report(figures))

    def _run(self, env, scale, repeat, duration) -> dict:
        started = time.perf_counter()
        throwaway.seed(env, scale, self.stderr.write, served=True)
        seeded = time.perf_counter() - started
        timing = throwaway.mutua(
            "time-pages", "--repeat", str(repeat), env=env, capture=True
        )
        figures = {
            "setup_seconds": round(seeded, 1),
            "pages": json_loads(timing.stdout),
        }
        with throwaway.serving(env, PORT) as base:
            figures["api_load"] = _wrk(f"{base}/api/v1/requests?page_size=20", duration)
            figures["api_search_load"] = _wrk(
                f"{base}/api/v1/requests?q=restoration", duration
            )
            figures["weight"] = [_weigh(base, page) for page in PUBLIC_PAGES]
        return figures


def json_loads(text: str):
    return json.loads(text.strip().splitlines()[-1])


def _wrk(url: str, duration: int) -> dict:
    script = Path(__file__).resolve().parents[2] / "data" / "wrk_report.lua"
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{duration}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON "))
    raw = json.loads(line[5:])
    return {
        "url": url.split(str(PORT), 1)[1],
        "requests_per_second": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": raw["p50"] / 1000,
        "p95_ms": raw["p95"] / 1000,
        "p99_ms": raw["p99"] / 1000,
        "errors": raw["errors"],
    }


def _get(url: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read(), response.headers.get("Content-Encoding", "")


def _weigh(base: str, page: str) -> dict:
    """Bytes on the wire (compressed) and requests for a page and its assets."""
    body, encoding = _get(base + page)
    html = gzip.decompress(body).decode() if encoding == "gzip" else body.decode()
    total, requests = len(body), 1
    for asset in sorted(set(ASSET.findall(html))):
        if asset.startswith("data:"):
            continue
        if asset.startswith(("http:", "https:", "//")):
            raise CommandError(f"{page} loads an external asset: {asset}")
        data, _ = _get(base + asset)
        total += len(data)
        requests += 1
    return {"page": page, "bytes": total, "requests": requests}


def _report(f: dict) -> str:
    lines = [
        f"Database: {f['database']}, scale {f['scale']} (set-up {f['setup_seconds']} s)",
        "",
    ]
    lines.append(
        "Server time per page (in-process, ms):   warm p50 / p95    cold p50 / p95"
    )
    for row in f["pages"]:
        lines.append(
            f"  {row['path']:<48} {row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f}"
            f"    {row['cold_p50_ms']:>7.1f} {row['cold_p95_ms']:>7.1f}"
        )
    for key in ("api_load", "api_search_load"):
        load = f[key]
        lines.append(
            f"API {load['url']}: {load['requests_per_second']:.0f} req/s, "
            f"p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms, "
            f"errors {load['errors']}"
        )
    lines.append("Page weight (gzip, with assets):")
    for row in f["weight"]:
        lines.append(
            f"  {row['page']:<16} {row['bytes'] / 1024:6.1f} KB in {row['requests']} requests"
        )
    return "\n".join(lines)
