"""Measure the matching engine at scale on a throw-away database.

Seeds `--scale` requests and offers with `seed-demo` into a temporary SQLite
file, then, in a child process on that database: builds the engine over every
offer, times ranking the top 10 for sampled requests, runs an allocation round
of 5,000 requests over 20,000 offers (optimal and greedy), and reports the
process's peak memory. The user's database is never touched.
"""

import json
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from mutua.core.figures import percentile
from mutua.demo import throwaway
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.matching.engine import allocation
from mutua.matching.engine.scoring import Engine
from mutua.matching.selectors import engine_data

SEED = 7


class Command(BaseCommand):
    help = "Benchmark ranking, memory and an allocation round on a throw-away database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100_000)
        parser.add_argument("--samples", type=int, default=200, help="requests ranked")
        parser.add_argument("--round-requests", type=int, default=5_000)
        parser.add_argument("--round-offers", type=int, default=20_000)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, scale, samples, round_requests, round_offers, as_json, **_):
        throwaway.check_sizes(
            scale=scale,
            samples=samples,
            round_requests=round_requests,
            round_offers=round_offers,
        )
        sizes = [str(samples), str(round_requests), str(round_offers)]
        if os.environ.get(throwaway.MARK) != "1":
            self._in_throwaway_database(scale, sizes, as_json)
            return
        figures = _measure(samples, round_requests, round_offers)
        self.stdout.write(json.dumps(figures) if as_json else _report(figures))

    def _in_throwaway_database(self, scale: int, sizes: list[str], as_json: bool):
        workdir = Path(tempfile.mkdtemp(prefix="mutua-bench-matching-"))
        try:
            env = throwaway.environment(workdir)
            throwaway.seed(env, scale, self.stderr.write, served=False)
            flags = ["--samples", sizes[0], "--round-requests", sizes[1]]
            flags += ["--round-offers", sizes[2], *(["--json"] if as_json else [])]
            result = throwaway.mutua(
                "benchmark-matching", *flags, env=env, capture=True
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        self.stdout.write(result.stdout, ending="")


def _seconds(started: float) -> float:
    return round(time.perf_counter() - started, 2)


def _measure(samples: int, round_requests: int, round_offers: int) -> dict:
    rng = random.Random(SEED)
    started = time.perf_counter()
    offers = engine_data.offer_data(Offer.objects.all())  # every offer, any status
    places = engine_data.places()
    loaded = _seconds(started)
    started = time.perf_counter()
    engine = Engine(offers, places)
    built = _seconds(started)
    request_ids = list(Request.objects.values_list("pk", flat=True))
    sample = engine_data.request_data(
        Request.objects.filter(
            pk__in=rng.sample(request_ids, min(samples, len(request_ids)))
        )
    )
    times = []
    for request in sample:
        started = time.perf_counter()
        engine.rank(request, 10)
        times.append((time.perf_counter() - started) * 1000)
    figures = {
        "offers": len(offers),
        "load_seconds": loaded,
        "build_seconds": built,
        "rank_top10_p50_ms": round(percentile(times, 0.5), 2),
        "rank_top10_p95_ms": round(percentile(times, 0.95), 2),
        "ranked_requests": len(times),
    }
    del engine
    figures["round"] = _round(rng, places, request_ids, round_requests, round_offers)
    figures["peak_memory_mib"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    return figures


def _round(rng, places, request_ids, n_requests: int, n_offers: int) -> dict:
    """An allocation round, timed from reading the records to the assignment."""
    offer_ids = list(Offer.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    offers = engine_data.offer_data(
        Offer.objects.filter(
            pk__in=rng.sample(offer_ids, min(n_offers, len(offer_ids)))
        )
    )
    requests = engine_data.request_data(
        Request.objects.filter(
            pk__in=rng.sample(request_ids, min(n_requests, len(request_ids)))
        )
    )
    engine = Engine(offers, places)
    edges = allocation.candidate_edges(engine, requests)
    prepared = _seconds(started)
    capacity = {o.id: o.capacity or 1 for o in offers}
    prioritised = {
        r.id
        for r in requests
        if places.get(r.country)
        and places[r.country].groups & allocation.PRIORITY_GROUPS
    }
    started = time.perf_counter()
    best = allocation.allocate(edges, capacity, prioritised=prioritised, priority=0.5)
    solved = _seconds(started)
    plain = allocation.greedy(edges, capacity, prioritised=prioritised, priority=0.5)

    def objective(found: allocation.Allocation) -> float:
        return round(
            sum(allocation.weighted(e, prioritised, 0.5) for e in found.pairs), 2
        )

    return {
        "requests": len(requests),
        "offers": len(offers),
        "candidate_pairs": len(edges),
        "prepare_seconds": prepared,
        "solve_seconds": solved,
        "total_seconds": round(prepared + solved, 2),
        "optimal_objective": objective(best),
        "greedy_objective": objective(plain),
        "optimal_total_fit": best.total_fit,
        "greedy_total_fit": plain.total_fit,
        "assigned_optimal": len(best.pairs),
        "assigned_greedy": len(plain.pairs),
    }


def _report(f: dict) -> str:
    r = f["round"]
    gain = (
        (r["optimal_objective"] - r["greedy_objective"]) / r["greedy_objective"] * 100
    )
    return "\n".join(
        [
            f"Engine over {f['offers']:,} offers: read in {f['load_seconds']} s, "
            f"built in {f['build_seconds']} s",
            f"Top 10 for one request ({f['ranked_requests']} requests): "
            f"p50 {f['rank_top10_p50_ms']} ms, p95 {f['rank_top10_p95_ms']} ms",
            f"Allocation round: {r['requests']:,} requests over {r['offers']:,} offers, "
            f"{r['candidate_pairs']:,} candidate pairs: {r['total_seconds']} s "
            f"(prepare {r['prepare_seconds']} s, solve {r['solve_seconds']} s)",
            f"  priority-weighted fit: optimal {r['optimal_objective']}, greedy "
            f"{r['greedy_objective']} ({gain:+.2f} %); assigned {r['assigned_optimal']} "
            f"vs {r['assigned_greedy']}",
            f"Peak memory of the process: {f['peak_memory_mib']} MiB",
        ]
    )
