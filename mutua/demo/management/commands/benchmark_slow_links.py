"""Measure the first screens over a slow link in a real Chromium, and print them.

Builds a throw-away SQLite site (reference data and `seed-demo`), serves it with
granian on loopback, and opens the home page, the request list and a request
page in Chromium with its network emulation at 400 kbit/s each way and a 400 ms
round trip: first from a cold cache (a new profile), then again once the service
worker has installed and kept the page's files. For each it prints the time
until the first screen is usable (the document parsed, its stylesheet and
deferred scripts run: DOMContentLoaded), the first contentful paint, and the
bytes transferred and requests made until the network is idle (the parts a page
fetches after it loads included). The user's database is never touched.
"""

import json
import re
import shutil
import tempfile
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.demo import throwaway

PORT = 8766
# 400 kbit/s each way, 400 ms round trip (the latency Chromium adds to each request).
SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
BUDGET = {"cold_ms": 3000, "warm_ms": 1000, "bytes": 60 * 1024, "requests": 8}
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return { usable: nav.domContentLoadedEventEnd, paint: paint ? paint.startTime : null };
}"""
REQUEST_LINK = re.compile(r'href="(/requests/[0-9a-f-]{36}/)"')


class Command(BaseCommand):
    help = "Time the first screens over an emulated slow link, cold and warm."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=200)

    def handle(self, *args, scale, **options):
        throwaway.check_sizes(scale=scale)
        if not Path(settings.CHROMIUM).is_file():
            raise CommandError(
                f"CHROMIUM: no browser at {settings.CHROMIUM}; set CHROMIUM to "
                "Chromium's path, or run `make chromium`."
            )
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as missing:
            raise CommandError(
                "Playwright is missing: `make setup` installs it with the tests."
            ) from missing
        workdir = Path(tempfile.mkdtemp(prefix="mutua-slow-links-"))
        try:
            env = throwaway.environment(workdir)
            throwaway.seed(env, scale, self.stderr.write, served=True)
            with throwaway.serving(env, PORT) as base, sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=settings.CHROMIUM,
                    args=["--headless", "--no-sandbox"],
                )
                try:
                    rows = [_measure(browser, base, path) for path in _pages(base)]
                finally:
                    browser.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        self.stdout.write(_report(rows))


def _pages(base: str) -> list[str]:
    with urllib.request.urlopen(f"{base}/requests/") as page:  # noqa: S310 — loopback
        found = REQUEST_LINK.search(page.read().decode())
    if found is None:
        raise CommandError("The demo has no published request to open.")
    return ["/", "/requests/", found.group(1)]


def _measure(browser, base: str, path: str) -> dict:
    """The page opened cold in a new profile, then again from the worker's cache."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.send("Network.emulateNetworkConditions", SLOW)
        transfer = {"bytes": 0, "requests": 0}

        def finished(event):
            transfer["bytes"] += event["encodedDataLength"]
            transfer["requests"] += 1

        cdp.on("Network.loadingFinished", finished)
        page.goto(base + path, wait_until="networkidle")
        cold = page.evaluate(TIMINGS)
        cold_transfer = dict(transfer)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        _slow_down_workers(browser)
        page.goto(base + path, wait_until="networkidle")
        warm = page.evaluate(TIMINGS)
        return {
            "path": path,
            "cold_ms": round(cold["usable"]),
            "cold_paint_ms": round(cold["paint"] or 0),
            "warm_ms": round(warm["usable"]),
            "bytes": cold_transfer["bytes"],
            "requests": cold_transfer["requests"],
        }
    finally:
        context.close()


def _slow_down_workers(browser) -> None:
    """Put the service workers on the same slow link: Chromium emulates a
    network per target, and a worker's fetches are its own, not the page's."""
    cdp = browser.new_browser_cdp_session()
    for target in cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker":
            continue
        session = cdp.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
        )["sessionId"]
        for number, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", SLOW)], 1
        ):
            message = {"id": number, "method": method, "params": params}
            cdp.send(
                "Target.sendMessageToTarget",
                {"sessionId": session, "message": json.dumps(message)},
            )


def _report(rows: list[dict]) -> str:
    lines = [
        "Chromium at 375 px, 400 kbit/s each way, 400 ms round trip "
        "(budget: usable cold < 3 s, warm < 1 s, < 60 KB and < 8 requests)",
        "",
        f"  {'page':<48} {'cold':>7} {'paint':>7} {'warm':>7} {'KB':>6} {'req':>4}"
        f"  within",
    ]
    for r in rows:
        within = (
            r["cold_ms"] < BUDGET["cold_ms"]
            and r["warm_ms"] < BUDGET["warm_ms"]
            and r["bytes"] < BUDGET["bytes"]
            and r["requests"] < BUDGET["requests"]
        )
        lines.append(
            f"  {r['path']:<48} {r['cold_ms']:>5} ms {r['cold_paint_ms']:>4} ms"
            f" {r['warm_ms']:>4} ms {r['bytes'] / 1024:>6.1f} {r['requests']:>4}"
            f"  {'yes' if within else 'NO'}"
        )
    return "\n".join(lines) + "\n"
