"""Scoring the engine on a labelled data set, against plain BM25.

The data set is JSON Lines in the format of `shared/benchmarks/FORMAT.md`.
Reading it reports every bad line with its number; the metrics are nDCG@k,
recall@k and MRR averaged over the requests with at least one relevant offer.
"""

import json
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

import numpy as np

from mutua.core.figures import percentile

from .data import GROUPS
from .data import OfferData
from .data import RequestData
from .data import Weights
from .places import Place
from .scoring import Engine
from .text import TextIndex
from .text import tokens

PROVIDER_TYPES = frozenset(
    {
        "government",
        "intergovernmental",
        "academic",
        "ngo",
        "iplc",
        "grassroots",
        "private",
        "donor",
        "regional_centre",
    }
)
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Codes:
    """The codes a data set may use, from the reference data."""

    countries: frozenset[str]
    areas: frozenset[str]  # M49 region and subregion codes
    targets: frozenset[int]
    modalities: frozenset[str]
    resources: frozenset[str]
    languages: frozenset[str]


@dataclass
class DataSet:
    requests: list[RequestData] = field(default_factory=list)
    offers: list[OfferData] = field(default_factory=list)
    relevant: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class BadLine(ValueError):
    pass


def _text(record: dict, name: str, *, required: bool = False) -> str:
    value = record.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadLine(f"{name} must be text")
    if required and not value.strip():
        raise BadLine(f"{name} is missing or empty")
    if len(value) > MAX_TEXT:
        raise BadLine(f"{name} is longer than {MAX_TEXT:,} characters")
    return value.strip()


def _list(record: dict, name: str) -> list:
    value = record.get(name) or []
    if not isinstance(value, list):
        raise BadLine(f"{name} must be a list")
    return value


def _codes(record: dict, name: str, known: Iterable) -> frozenset:
    values = _list(record, name)
    if not all(isinstance(v, str) for v in values):
        raise BadLine(f"{name} must be a list of codes")
    values = [v.lower() for v in values]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise BadLine(f"{name} has unknown codes: {', '.join(unknown)}")
    return frozenset(values)


def _country(record: dict, name: str, codes: Codes) -> str:
    value = _text(record, name).upper()
    if value and value not in codes.countries:
        raise BadLine(f"{name} {value!r} is not an ISO 3166-1 alpha-3 code")
    return value


def _targets(record: dict, codes: Codes) -> frozenset[int]:
    values = _list(record, "targets")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise BadLine("targets must be a list of GBF target numbers")
    unknown = sorted(set(values) - codes.targets)
    if unknown:
        raise BadLine(f"targets has unknown numbers: {', '.join(map(str, unknown))}")
    return frozenset(values)


def _offer(record: dict, codes: Codes) -> OfferData:
    serves = _list(record, "serves")
    if not all(isinstance(v, str) for v in serves):
        raise BadLine("serves must be a list of codes")
    serves = [v.upper() if v.isalpha() else v for v in serves]
    unknown = sorted(set(serves) - codes.countries - codes.areas - {"*"})
    if unknown:
        raise BadLine(f"serves has unknown codes: {', '.join(unknown)}")
    provider_type = _text(record, "provider_type")
    if provider_type and provider_type not in PROVIDER_TYPES:
        raise BadLine(f"provider_type {provider_type!r} is not one of the types")
    capacity = record.get("capacity")
    if capacity is not None and (
        not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 0
    ):
        raise BadLine("capacity must be a whole number, 0 or more")
    return OfferData(
        id=str(record["id"]),
        title=_text(record, "title", required=True),
        description=_text(record, "description"),
        provider_country=_country(record, "provider_country", codes),
        provider_type=provider_type,
        targets=_targets(record, codes),
        modalities=_codes(record, "modalities", codes.modalities),
        resources=_codes(record, "resources", codes.resources),
        languages=_codes(record, "languages", codes.languages),
        serves=frozenset(serves),
        eligibility=_eligibility(record),
        capacity=capacity,
    )


def _eligibility(record: dict) -> frozenset[str]:
    values = _list(record, "eligibility")
    by_lower = {g.lower(): g for g in GROUPS}
    if not all(isinstance(v, str) and v.lower() in by_lower for v in values):
        raise BadLine(f"eligibility must be a list of: {', '.join(GROUPS)}")
    return frozenset(by_lower[v.lower()] for v in values)


def _request(record: dict, codes: Codes) -> tuple[RequestData, dict[str, int]]:
    relevant = record.get("relevant") or {}
    if isinstance(relevant, list):
        relevant = dict.fromkeys(relevant, 1)
    if not isinstance(relevant, dict) or not all(
        isinstance(g, int) and not isinstance(g, bool) and 0 <= g <= 3
        for g in relevant.values()
    ):
        raise BadLine("relevant must map offer ids to grades 0 to 3, or list offer ids")
    request = RequestData(
        id=str(record["id"]),
        title=_text(record, "title", required=True),
        description=_text(record, "description"),
        country=_country(record, "country", codes),
        targets=_targets(record, codes),
        modalities=_codes(record, "modalities", codes.modalities),
        resources=_codes(record, "resources", codes.resources),
        languages=_codes(record, "languages", codes.languages),
    )
    return request, {str(k): v for k, v in relevant.items() if v > 0}


def read(lines: Iterable[str], codes: Codes) -> DataSet:
    """A data set from JSON Lines; every bad line is reported with its number."""
    data = DataSet()
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            data.errors.append(f"line {number}: not valid JSON ({error.msg})")
            continue
        try:
            if not isinstance(record, dict):
                raise BadLine("a line must be one JSON object")
            kind, key = record.get("kind"), record.get("id")
            if kind not in ("offer", "request"):
                raise BadLine('kind must be "offer" or "request"')
            if not isinstance(key, str | int) or isinstance(key, bool) or key == "":
                raise BadLine("id is missing")
            if str(key) in seen:
                raise BadLine(f"id {key!r} is used twice")
            seen.add(str(key))
            if kind == "offer":
                data.offers.append(_offer(record, codes))
            else:
                request, relevant = _request(record, codes)
                data.requests.append(request)
                data.relevant[request.id] = relevant
        except BadLine as error:
            data.errors.append(f"line {number}: {error}")
    offer_ids = {o.id for o in data.offers}
    for request_id, relevant in data.relevant.items():
        missing = sorted(set(relevant) - offer_ids)
        if missing:
            data.warnings.append(
                f"request {request_id}: relevant offers not in the file, left out: "
                + ", ".join(missing)
            )
            for offer_id in missing:
                del relevant[offer_id]
    return data


# Metrics ---------------------------------------------------------------------


def ndcg(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    gain = sum(
        (2 ** relevant.get(o, 0) - 1) / math.log2(i + 2)
        for i, o in enumerate(ranked[:k])
    )
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, o in enumerate(ranked) if o in relevant), 0.0)


def _order(ids: list[str], scores: np.ndarray) -> list[str]:
    """Ids by score, best first; ties in file order."""
    return [ids[i] for i in np.lexsort((np.arange(len(ids)), -scores))]


class Baseline:
    """Plain BM25 over each offer's title and description."""

    def __init__(self, offers: list[OfferData]):
        self.index = TextIndex([tokens(f"{o.title} {o.description}") for o in offers])

    def scores(self, request: RequestData) -> np.ndarray:
        return self.index.scores(tokens(f"{request.title} {request.description}"))


def evaluate(
    data: DataSet,
    places: dict[str, Place],
    *,
    k: int = 10,
    weights: Weights | None = None,
) -> dict:
    """The engine's and the baseline's metrics, and the engine's ranking latency."""
    engine = Engine(data.offers, places, weights)
    baseline = Baseline(data.offers)
    ids = [o.id for o in data.offers]
    judged = [r for r in data.requests if data.relevant.get(r.id)]
    rows = {"engine": [], "baseline": []}
    latency: list[float] = []
    for request in judged:
        started = time.perf_counter()
        engine.rank(request, k)
        latency.append((time.perf_counter() - started) * 1000)
        relevant = data.relevant[request.id]
        for name, scores in (
            ("engine", engine.scores(request)[0]),
            ("baseline", baseline.scores(request)),
        ):
            ranked = _order(ids, scores)
            rows[name].append(
                (
                    ndcg(ranked, relevant, k),
                    recall(ranked, relevant, k),
                    reciprocal_rank(ranked, relevant),
                )
            )

    def mean(name: str, column: int) -> float:
        values = [row[column] for row in rows[name]]
        return round(sum(values) / len(values), 4) if values else 0.0

    result = {
        name: {"ndcg": mean(name, 0), "recall": mean(name, 1), "mrr": mean(name, 2)}
        for name in rows
    }
    result["engine"] |= {
        "p50_ms": round(percentile(latency, 0.5), 2) if latency else 0.0,
        "p95_ms": round(percentile(latency, 0.95), 2) if latency else 0.0,
    }
    result |= {"requests": len(judged), "offers": len(data.offers), "k": k}
    return result
