"""Reading a labelled data set and the metrics (the command is tested in mutua.demo)."""

import json
import math

import pytest

from mutua.matching.engine import evaluation
from mutua.matching.engine.evaluation import Codes
from mutua.matching.engine.evaluation import ndcg
from mutua.matching.engine.evaluation import read
from mutua.matching.engine.evaluation import recall
from mutua.matching.engine.evaluation import reciprocal_rank
from mutua.testing.places import PLACES

CODES = Codes(
    countries=frozenset(PLACES),
    areas=frozenset({"002", "202", "011", "014", "009", "054", "150", "155"}),
    targets=frozenset(range(1, 24)),
    modalities=frozenset({"joint_training", "peer_learning"}),
    resources=frozenset({"expertise", "funding"}),
    languages=frozenset({"en", "fr", "es"}),
)
OFFER = {"kind": "offer", "id": "o1", "title": "Mangrove training"}
REQUEST = {"kind": "request", "id": "r1", "title": "Mangroves", "relevant": {"o1": 2}}


def lines(*records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


def test_metrics_by_hand():
    relevant = {"a": 3, "b": 1}
    # a at rank 2, b at rank 3: DCG = 7/log2(3) + 1/log2(4); ideal = 7 + 1/log2(3).
    expected = (7 / math.log2(3) + 1 / 2) / (7 + 1 / math.log2(3))
    assert ndcg(["x", "a", "b"], relevant, 10) == pytest.approx(expected)
    assert ndcg(["a", "b"], relevant, 10) == pytest.approx(1.0)
    assert ndcg(["x", "a", "b"], relevant, 1) == 0.0
    assert recall(["x", "a", "b"], relevant, 2) == 0.5
    assert reciprocal_rank(["x", "y", "b", "a"], relevant) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], relevant) == 0.0


def test_a_good_file_is_read_with_every_field():
    data = read(
        lines(
            {
                **OFFER,
                "provider_country": "gha",
                "provider_type": "academic",
                "targets": [2, 3],
                "modalities": ["joint_training"],
                "resources": ["expertise"],
                "languages": ["fr"],
                "serves": ["011", "sen", "*"],
                "eligibility": ["ldc"],
                "capacity": 2,
            },
            "",
            {**REQUEST, "country": "SEN", "relevant": ["o1"]},
        ),
        CODES,
    )
    assert data.errors == []
    (offer,) = data.offers
    assert offer.provider_country == "GHA" and offer.serves == {"011", "SEN", "*"}
    assert offer.eligibility == {"LDC"} and offer.capacity == 2
    assert data.relevant == {"r1": {"o1": 1}}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 1: not valid JSON"),
        ("[1, 2]", "line 1: a line must be one JSON object"),
        (
            {"kind": "match", "id": "x", "title": "t"},
            'kind must be "offer" or "request"',
        ),
        ({"kind": "offer", "title": "t"}, "id is missing"),
        ({**OFFER, "title": "  "}, "title is missing or empty"),
        ({**OFFER, "title": 5}, "title must be text"),
        ({**OFFER, "description": "x" * 20_001}, "longer than 20,000 characters"),
        ({**OFFER, "targets": [24]}, "targets has unknown numbers: 24"),
        ({**OFFER, "targets": ["2"]}, "targets must be a list of GBF target numbers"),
        ({**OFFER, "modalities": ["dancing"]}, "modalities has unknown codes: dancing"),
        ({**OFFER, "languages": "fr"}, "languages must be a list"),
        ({**OFFER, "provider_country": "XXX"}, "'XXX' is not an ISO 3166-1 alpha-3"),
        ({**OFFER, "serves": ["999"]}, "serves has unknown codes: 999"),
        ({**OFFER, "eligibility": ["rich"]}, "eligibility must be a list of"),
        ({**OFFER, "capacity": -1}, "capacity must be a whole number"),
        ({**OFFER, "provider_type": "club"}, "provider_type 'club' is not one"),
        ({**REQUEST, "relevant": {"o1": 7}}, "relevant must map offer ids to grades"),
        ({**REQUEST, "country": "Senegal"}, "is not an ISO 3166-1 alpha-3 code"),
    ],
)
def test_every_bad_line_is_reported_with_its_number(line, message):
    data = read(lines(line), CODES)
    assert len(data.errors) == 1
    assert data.errors[0].startswith("line 1: ")
    assert message in data.errors[0]


def test_errors_name_their_own_lines_and_ids_are_unique():
    data = read(lines(OFFER, "", "{oops", OFFER), CODES)
    assert [e.split(":")[0] for e in data.errors] == ["line 3", "line 4"]
    assert "id 'o1' is used twice" in data.errors[1]


def test_judgements_of_offers_not_in_the_file_are_left_out_with_a_warning():
    data = read(lines(OFFER, {**REQUEST, "relevant": {"o1": 2, "o9": 1}}), CODES)
    assert data.relevant == {"r1": {"o1": 2}}
    assert data.warnings == [
        "request r1: relevant offers not in the file, left out: o9"
    ]


def test_the_engine_is_scored_against_the_baseline():
    data = read(
        lines(
            {**OFFER, "id": "far", "title": "Training", "provider_country": "DEU"},
            {**OFFER, "id": "near", "title": "Training", "provider_country": "GHA"},
            {**REQUEST, "title": "Training", "country": "SEN", "relevant": {"near": 3}},
        ),
        CODES,
    )
    result = evaluation.evaluate(data, PLACES, k=1)
    assert result["engine"]["ndcg"] == 1.0 and result["engine"]["mrr"] == 1.0
    assert result["baseline"]["mrr"] < 1.0  # a tie, broken by file order
    assert result["requests"] == 1 and result["offers"] == 2
    assert result["engine"]["p95_ms"] >= result["engine"]["p50_ms"] > 0
