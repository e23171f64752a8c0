"""A panel's arithmetic: totals, spreads, divergence, shortlists and funding."""

from datetime import UTC
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutua.calls.assessment import FUNDING_RULE
from mutua.calls.assessment import TIE_RULE
from mutua.calls.assessment import Criterion
from mutua.calls.assessment import Entry
from mutua.calls.assessment import Grant
from mutua.calls.assessment import Reason
from mutua.calls.assessment import Weighing
from mutua.calls.assessment import diverges
from mutua.calls.assessment import fund
from mutua.calls.assessment import shortlists
from mutua.calls.assessment import weighted_total

# The four criteria of CBD/COP/15/12 ¶46, equal weights, scored out of 10.
HOST = [
    Criterion(key, 25) for key in ("networks", "expertise", "facilitation", "capacity")
]


def test_the_total_is_each_scores_share_of_the_scale_by_its_weight():
    scores = {"networks": 7, "expertise": 8, "facilitation": 6, "capacity": 9}
    assert weighted_total(scores, HOST, 10) == 75.0
    assert weighted_total(dict.fromkeys(scores, 10), HOST, 10) == 100.0
    assert weighted_total(dict.fromkeys(scores, 0), HOST, 10) == 0.0
    # 3 of 10 on the criterion weighing 3, 7 of 10 on the one weighing 1.
    uneven = [Criterion("a", 1), Criterion("b", Decimal(3))]
    assert weighted_total({"a": 7, "b": 3}, uneven, 10) == 40.0
    # A criterion that weighs nothing counts for nothing.
    weightless = [Criterion("a", 1), Criterion("z", 0)]
    assert weighted_total({"a": 7, "z": 0}, weightless, 7) == 100.0


def test_the_total_rounds_half_up_to_one_decimal():
    # 1 of 10 on a criterion weighing 1 of 8: 1.25, as a reader would round it.
    criteria = [Criterion("a", 1), Criterion("b", 7)]
    assert weighted_total({"a": 1, "b": 0}, criteria, 10) == 1.3
    thirds = [Criterion(key, 1) for key in "abc"]
    assert weighted_total({"a": 1, "b": 0, "c": 0}, thirds, 1) == 33.3


def test_points_come_heaviest_first_and_add_up_to_the_total():
    criteria = [Criterion("light", 1), Criterion("heavy", 3)]
    weighing = Weighing.of(criteria, 10)
    assert weighing.points({"light": 10, "heavy": 5}) == (15, 10)
    assert weighing.total(25) == weighted_total({"light": 10, "heavy": 5}, criteria, 10)
    assert weighing.total(25) == 62.5
    halves = Weighing.of([Criterion("a", Decimal("0.5")), Criterion("b", 1)], 10)
    assert halves.weights == (10, 5)  # the same proportions, in integers


@pytest.mark.parametrize(
    ("scores", "criteria", "scale"),
    [
        ({"a": 5}, [Criterion("a", 0)], 10),  # every weight zero
        ({"a": 5}, [], 10),  # no criterion
        ({"a": 5, "b": 5}, [Criterion("a", 2), Criterion("b", -1)], 10),
        ({"a": 5}, [Criterion("a", 1), Criterion("b", 1)], 10),  # b not scored
        ({"a": 11}, [Criterion("a", 1)], 10),
        ({"a": -1}, [Criterion("a", 1)], 10),
        ({"a": 2.5}, [Criterion("a", 1)], 10),
        ({"a": 0}, [Criterion("a", 1)], 0),
    ],
)
def test_a_total_needs_weights_and_every_score_within_the_scale(
    scores, criteria, scale
):
    with pytest.raises(ValueError):
        weighted_total(scores, criteria, scale)


@given(
    st.lists(st.integers(0, 10), min_size=4, max_size=4),
    st.lists(st.integers(0, 100), min_size=4, max_size=4).filter(any),
    st.integers(0, 3),
)
def test_the_total_lies_within_0_and_100_and_grows_with_every_score(
    scores, weights, raised
):
    criteria = [Criterion(str(n), w) for n, w in enumerate(weights)]
    sheet = {str(n): score for n, score in enumerate(scores)}
    total = weighted_total(sheet, criteria, 10)
    assert 0 <= total <= 100
    better = sheet | {str(raised): min(scores[raised] + 1, 10)}
    assert weighted_total(better, criteria, 10) >= total


@pytest.mark.parametrize(
    ("totals", "flagged"),
    [
        ([100.0, 70.0], False),  # exactly 30 % of the higher
        ([72.0, 50.4], False),  # ... which a float would flag
        ([41.0, 28.7], False),
        ([50.4, 72.0, 60.0], False),
        ([72.0, 50.3], True),  # just above
        ([100.0, 69.9], True),
        ([60.0, 80.0, 50.0], True),  # the extremes count, whatever the order
        ([90.0], False),
        ([], False),
        ([0.0, 0.0], False),
    ],
)
def test_totals_diverge_beyond_thirty_percent_of_the_higher(totals, flagged):
    assert diverges(totals) is flagged


def test_the_share_that_diverges_can_be_set():
    assert diverges([100.0, 85.0], share=0.1)
    assert not diverges([100.0, 85.0], share=0.15)


def _entry(key, total, by_criterion=(), *, scope="", day=1):
    return Entry(key, scope, total, by_criterion, datetime(2026, 3, day, tzinfo=UTC))


def _ranking(ranked):
    return [(r.entry.key, r.position, r.shortlisted) for r in ranked]


def test_equal_totals_are_ordered_as_the_tie_rule_states():
    entries = [
        _entry("late", 70.0, (25.0, 20.0), day=9),
        _entry("second_criterion", 70.0, (25.0, 25.0), day=9),
        _entry("heaviest_criterion", 70.0, (30.0, 10.0), day=9),
        _entry("early", 70.0, (25.0, 20.0), day=2),
        _entry("best", 80.0, (1.0, 1.0), day=20),
    ]
    ranked = shortlists(entries, 10)[""]
    assert [r.entry.key for r in ranked] == [
        "best",
        "heaviest_criterion",
        "second_criterion",
        "early",
        "late",
    ]
    assert "heaviest criterion" in str(TIE_RULE)


def test_each_scope_has_its_own_ranking_and_shortlist():
    entries = [
        _entry("a1", 60.0, scope="africa"),
        _entry("g1", 90.0),
        _entry("a2", 80.0, scope="africa"),
        _entry("a3", 70.0, scope="africa"),
        _entry("g2", 50.0),
    ]
    ranked = shortlists(entries, 2)
    assert _ranking(ranked["africa"]) == [
        ("a2", 1, True),
        ("a3", 2, True),
        ("a1", 3, False),
    ]
    assert _ranking(ranked[""]) == [("g1", 1, True), ("g2", 2, True)]
    assert shortlists([], 3) == {}


@pytest.mark.parametrize("size", [0, -1])
def test_a_shortlist_holds_at_least_one(size):
    with pytest.raises(ValueError):
        shortlists([_entry("a", 50.0)], size)


def _grant(key, total=80.0, amount="10000", *, eligible=True, withdrawn=False):
    return Grant(key, total, Decimal(amount), eligible, withdrawn)


def test_grants_are_funded_in_rank_order_while_the_budget_lasts():
    grants = [
        _grant("first", 92.0, "40000"),
        _grant("withdrawn", 90.0, withdrawn=True),
        _grant("ineligible", 88.0, eligible=False),
        _grant("second", 85.0, "30000"),
        _grant("too_large", 80.0, "40000"),
        _grant("small_but_after", 75.0, "5000"),  # would fit: no skipping ahead
        _grant("at_threshold", 60.0, "1000"),
        _grant("below", 59.9, "1000"),
        _grant("withdrawn_after", 95.0, withdrawn=True),
    ]
    decisions = fund(grants, budget=Decimal("100000"), threshold=60)
    assert [(d.key, d.reason) for d in decisions] == [
        ("first", Reason.FUNDED),
        ("withdrawn", Reason.WITHDRAWN),
        ("ineligible", Reason.INELIGIBLE),
        ("second", Reason.FUNDED),
        ("too_large", Reason.OVER_BUDGET),
        ("small_but_after", Reason.OVER_BUDGET),
        ("at_threshold", Reason.OVER_BUDGET),
        ("below", Reason.BELOW_THRESHOLD),
        ("withdrawn_after", Reason.WITHDRAWN),
    ]
    assert [d.key for d in decisions if d.funded] == ["first", "second"]
    assert "budget lasts" in str(FUNDING_RULE)


def test_a_grant_at_the_threshold_that_uses_the_last_of_the_budget_is_funded():
    grants = [_grant("a", amount="60000.50"), _grant("b", 50.0, "39999.50")]
    decisions = fund(grants, budget=Decimal("100000"), threshold=50)
    assert all(d.funded for d in decisions)
    assert fund([_grant("a")], budget=Decimal(0), threshold=50)[0].reason == (
        Reason.OVER_BUDGET
    )


def test_every_reason_has_a_label():
    assert {str(reason.label) for reason in Reason} == {
        "Funded",
        "Below the approval threshold",
        "Beyond what the budget funds",
        "Not eligible",
        "Withdrawn",
    }
