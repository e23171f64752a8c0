"""Allocation rounds: the optimum under capacity, against greedy."""

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from mutua.matching.engine.allocation import Edge
from mutua.matching.engine.allocation import allocate
from mutua.matching.engine.allocation import candidate_edges
from mutua.matching.engine.allocation import greedy
from mutua.matching.engine.data import OfferData
from mutua.matching.engine.data import RequestData
from mutua.matching.engine.scoring import Engine
from mutua.testing.places import PLACES


def test_the_optimum_beats_greedy_where_greedy_grabs_the_shared_offer():
    # Greedy gives the one place at A to r1 (0.9), leaving r2 nothing it fits;
    # the optimum sends r1 to B (0.8) and r2 to A (0.7): 1.5 against 0.9.
    edges = [Edge("r1", "A", 0.9), Edge("r1", "B", 0.8), Edge("r2", "A", 0.7)]
    capacity = {"A": 1, "B": 1}
    assert greedy(edges, capacity).total_fit == 0.9
    best = allocate(edges, capacity)
    assert best.total_fit == 1.5
    assert {(e.request, e.offer) for e in best.pairs} == {("r1", "B"), ("r2", "A")}


def test_priority_sends_the_last_place_to_an_ldc_or_sids_request():
    edges = [Edge("rich", "A", 0.8), Edge("ldc", "A", 0.6)]
    assert allocate(edges, {"A": 1}).pairs[0].request == "rich"
    chosen = allocate(edges, {"A": 1}, prioritised={"ldc"}, priority=0.5)
    assert chosen.pairs[0].request == "ldc"


def test_offers_without_places_and_pairs_without_fit_are_left_out():
    edges = [Edge("r1", "full", 0.9), Edge("r2", "A", 0.0)]
    assert allocate(edges, {"full": 0, "A": 1}).pairs == ()
    assert allocate([], {}).pairs == ()


def test_candidate_pairs_come_from_the_engine_and_respect_its_constraints():
    offers = [
        OfferData("open", "Mangrove training", capacity=2),
        OfferData("full", "Mangrove training", capacity=0),
    ]
    requests = [RequestData("r1", "Mangroves", country="SEN")]
    edges = candidate_edges(Engine(offers, PLACES), requests)
    assert [e.offer for e in edges] == ["open"]


rounds = st.lists(
    st.builds(
        Edge,
        request=st.sampled_from([f"r{i}" for i in range(6)]),
        offer=st.sampled_from("ABCD"),
        fit=st.floats(0.01, 10, allow_nan=False),
    ),
    max_size=24,
    unique_by=lambda e: (e.request, e.offer),
)


@settings(max_examples=150, deadline=None)
@given(edges=rounds, places=st.lists(st.integers(0, 3), min_size=4, max_size=4))
def test_no_offer_is_overbooked_and_the_optimum_is_never_below_greedy(edges, places):
    capacity = dict(zip("ABCD", places, strict=True))
    best = allocate(edges, capacity)
    for offer, limit in capacity.items():
        assert sum(e.offer == offer for e in best.pairs) <= limit
    requests = [e.request for e in best.pairs]
    assert len(requests) == len(set(requests))
    assert best.total_fit >= greedy(edges, capacity).total_fit - 1e-6
