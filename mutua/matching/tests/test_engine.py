"""The engine on hand-made offers, and its hard constraints as properties."""

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from mutua.matching.engine.data import OfferData
from mutua.matching.engine.data import RequestData
from mutua.matching.engine.data import Weights
from mutua.matching.engine.explain import describe
from mutua.matching.engine.places import Gazetteer
from mutua.matching.engine.scoring import Engine
from mutua.matching.engine.text import tokens
from mutua.testing.places import PLACES

REQUEST = RequestData(
    id="r1",
    title="Restauration des mangroves",
    description="Formation des gardes côtiers à la restauration des mangroves.",
    country="SEN",
    targets=frozenset({2, 3}),
    modalities=frozenset({"joint_training"}),
    languages=frozenset({"fr"}),
    organization="org-sen",
)


def offer(id: str, **fields) -> OfferData:
    return OfferData(id=id, title=fields.pop("title", f"Offer {id}"), **fields)


def ranked_ids(offers, request=REQUEST, **weights) -> list[str]:
    engine = Engine(offers, PLACES, Weights(**weights))
    return [c.offer_id for c in engine.rank(request, k=len(offers))]


def test_words_of_three_languages_meet_at_their_stems():
    assert tokens("Restauración de los manglares en la costa") == [
        "restaur",
        "manglar",
        "cost",
    ]
    assert tokens("La restauration des mangroves") == ["restaur", "mangrov"]
    assert tokens("Restoring the MANGROVES") == ["restor", "mangrov"]


def test_a_gazetteer_finds_countries_by_their_names_and_short_forms():
    gazetteer = Gazetteer(PLACES.values())
    text = "Projects in Senegal, Ghana (2019) and the Democratic Republic of the Congo"
    assert gazetteer.mentioned(text) == {"SEN", "GHA", "COD"}
    assert gazetteer.mentioned("Work in Congo") == {"COD"}
    assert gazetteer.mentioned("Germanium and Fijian words") == set()


def test_the_best_fit_explains_itself_in_plain_language():
    best = offer(
        "o-ghana",
        title="Formation à la restauration des mangroves",
        provider_country="GHA",
        targets=frozenset({2, 3, 8}),
        modalities=frozenset({"joint_training"}),
        languages=frozenset({"fr", "en"}),
        capacity=2,
    )
    far = offer("o-germany", provider_country="DEU", languages=frozenset({"fr"}))
    engine = Engine([far, best], PLACES)
    first, second = engine.rank(REQUEST)
    assert (first.offer_id, second.offer_id) == ("o-ghana", "o-germany")
    assert first.parts["targets"] == 1.0 and second.parts["targets"] == 0.0
    names = {"fr": "French", "joint_training": "Joint training"}
    assert describe(first.reasons, lambda kind, code: names[code]) == (
        "Both work in French; provider in the same subregion (Western Africa)"
        " — South-South; covers GBF targets 2 and 3; offers joint training;"
        " close in wording to the request; 2 places left"
    )


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ({"targets": frozenset({2})}, {"targets": frozenset({9})}),
        ({"modalities": frozenset({"joint_training"})}, {}),
        ({"provider_country": "GHA"}, {"provider_country": "DEU"}),  # subregion
        ({"provider_country": "MWI"}, {"provider_country": "DEU"}),  # region
        ({"serves": frozenset({"SEN"})}, {"serves": frozenset({"*"})}),
        ({"description": "Work in Senegal."}, {"description": "Work in Fiji."}),
        ({"completed": 5}, {"declined": 5}),
        ({"title": "Mangrove restoration training"}, {"title": "Tax policy"}),
    ],
)
def test_each_part_of_the_fit_lifts_an_offer(better, worse):
    assert ranked_ids([offer("worse", **worse), offer("better", **better)]) == [
        "better",
        "worse",
    ]


def test_weights_decide_between_parts():
    shares_target = offer("target", targets=frozenset({2}))
    nearby = offer("nearby", provider_country="GHA")
    assert (
        ranked_ids([shares_target, nearby], targets=5.0, subregion=0.1)[0] == "target"
    )
    assert (
        ranked_ids([shares_target, nearby], targets=0.1, subregion=5.0)[0] == "nearby"
    )


def test_weights_from_settings_are_checked():
    assert Weights.from_mapping({"text": 2}).text == 2.0
    with pytest.raises(ValueError, match="Unknown weights: colour"):
        Weights.from_mapping({"colour": 1})
    with pytest.raises(ValueError, match="text must be a number from 0 to 100"):
        Weights.from_mapping({"text": "high"})
    with pytest.raises(ValueError, match="from 0 to 100"):
        Weights.from_mapping({"text": -1})


def test_nothing_to_rank_gives_nothing():
    assert Engine([], PLACES).rank(REQUEST) == []
    assert Engine([offer("a")], PLACES).rank(REQUEST, k=0) == []


def test_a_request_from_an_unknown_place_is_still_ranked_by_text():
    request = RequestData(id="r", title="mangrove restoration")
    ids = ranked_ids(
        [offer("tax", title="tax"), offer("m", title="Mangroves")], request
    )
    assert ids == ["m", "tax"]


# Hard constraints, as properties -----------------------------------------------

codes = st.frozensets(st.sampled_from(["en", "fr", "es"]), max_size=2)
offers = st.builds(
    OfferData,
    id=st.uuids().map(str),
    title=st.sampled_from(["mangroves", "training", "coral reef survey"]),
    provider_country=st.sampled_from(["", *PLACES]),
    languages=codes,
    eligibility=st.frozensets(st.sampled_from(["LDC", "LLDC", "SIDS", "developing"])),
    capacity=st.one_of(st.none(), st.integers(0, 3)),
    expired=st.booleans(),
    organization=st.sampled_from(["", "org-sen", "org-gha"]),
    targets=st.frozensets(st.integers(1, 23), max_size=3),
    serves=st.frozensets(st.sampled_from(["*", "002", "011", "014", "SEN", "DEU"])),
    serves_only=st.booleans(),
)
requests = st.builds(
    RequestData,
    id=st.just("r"),
    title=st.sampled_from(["mangroves", "coral"]),
    country=st.sampled_from(["", *PLACES]),
    languages=codes,
    organization=st.sampled_from(["", "org-sen"]),
    targets=st.frozensets(st.integers(1, 23), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(offers=st.lists(offers, max_size=12, unique_by=lambda o: o.id), request=requests)
def test_no_suggestion_ever_breaks_a_hard_constraint(offers, request):
    by_id = {o.id: o for o in offers}
    place = PLACES.get(request.country)
    groups = place.groups if place else frozenset()
    for candidate in Engine(offers, PLACES).rank(request, k=len(offers)):
        found = by_id[candidate.offer_id]
        assert not found.expired
        assert found.capacity is None or found.capacity > 0
        assert not (request.organization and found.organization == request.organization)
        if request.languages and found.languages:
            assert request.languages & found.languages
        if found.eligibility:
            assert found.eligibility & groups
        if found.serves_only and found.serves and "*" not in found.serves:
            assert found.serves & _areas(request.country)


@settings(max_examples=100, deadline=None)
@given(offers=st.lists(offers, max_size=12, unique_by=lambda o: o.id), request=requests)
def test_every_offer_that_meets_the_constraints_is_ranked(offers, request):
    place = PLACES.get(request.country)
    groups = place.groups if place else frozenset()
    allowed = {
        o.id
        for o in offers
        if not o.expired
        and o.capacity != 0
        and not (request.organization and o.organization == request.organization)
        and (not (request.languages and o.languages) or request.languages & o.languages)
        and (not o.eligibility or o.eligibility & groups)
        and (
            not o.serves_only
            or not o.serves
            or "*" in o.serves
            or o.serves & _areas(request.country)
        )
    }
    ranked = Engine(offers, PLACES).rank(request, k=len(offers) or 1)
    assert {c.offer_id for c in ranked} == allowed
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def _areas(iso3: str) -> set[str]:
    """A country's code and the codes of its M49 areas."""
    place = PLACES.get(iso3)
    codes = {
        iso3,
        *((place.region, place.subregion, place.intermediate) if place else ()),
    }
    return codes - {""}


def test_served_places_bind_only_when_the_provider_makes_them_a_limit():
    preference = offer("o-pref", serves=frozenset({"DEU"}))
    limit = offer("o-limit", serves=frozenset({"DEU"}), serves_only=True)
    region = offer("o-africa", serves=frozenset({"002"}), serves_only=True)
    assert sorted(ranked_ids([preference, limit, region])) == ["o-africa", "o-pref"]


def test_a_provider_in_the_requesters_own_country_is_never_south_south():
    home = offer("o-home", provider_country="SEN", languages=frozenset({"fr"}))
    near = offer("o-near", provider_country="GHA", languages=frozenset({"fr"}))
    engine = Engine([home, near], PLACES)
    found = {c.offer_id: c for c in engine.rank(REQUEST)}
    assert found["o-home"].parts["south_south"] == 0.0
    assert ("south_south",) not in found["o-home"].reasons
    assert "South-South" not in describe(found["o-home"].reasons)
    assert found["o-near"].parts["south_south"] == 1.0
    assert "South-South" in describe(found["o-near"].reasons)


def test_an_intergovernmental_provider_is_not_a_side():
    igo = offer("o-igo", provider_country="GHA", provider_type="intergovernmental")
    (found,) = Engine([igo], PLACES).rank(REQUEST)
    assert found.parts["south_south"] == found.parts["triangular"] == 0.0
