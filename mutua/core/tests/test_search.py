"""The same search suite runs on SQLite (FTS5) and on PostgreSQL (tsvector)."""

import pytest

from mutua.exchange.models import Request
from mutua.exchange.selectors import ListFilters
from mutua.exchange.selectors import public_requests
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.exchange.services.requests import request_update
from mutua.testing.builders import request_fields

pytestmark = pytest.mark.django_db

TEXTS = {
    "mangroves": ("Restauration des mangroves", "Érosion côtière au Sénégal."),
    "reefs": ("Coral reef monitoring", "Bleaching surveys with citizen divers."),
    "barcoding": ("DNA barcoding of freshwater fish", "Cichlids of Lake Malawi."),
    "páramo": ("Conservación del páramo", "Restauración de humedales altoandinos."),
}


@pytest.fixture
def published(people):
    found = {}
    for key, (title, challenge) in TEXTS.items():
        request = request_create(
            by=people.focal_point,
            country=people.malawi,
            **request_fields(title=title, challenge=challenge),
        )
        for action, by in (
            ("submit", people.focal_point),
            ("publish", people.coordinator),
        ):
            request = request_transition(request=request, action=action, by=by)
        found[key] = request
    return found


def titles(query: str) -> set[str]:
    return {r.title for r in public_requests(ListFilters(query=query))}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mangroves", {"mangroves"}),
        ("MANGROVES", {"mangroves"}),
        ("erosion cotiere", {"mangroves"}),  # accents never matter
        ("érosion", {"mangroves"}),
        ("restaur", {"mangroves", "páramo"}),  # words match as prefixes
        ("paramo", {"páramo"}),
        ("coral monitoring", {"reefs"}),  # every word must match
        ("coral cichlids", set()),
        ("malawi", {"mangroves", "reefs", "barcoding", "páramo"}),  # the country's name
        ("", {"mangroves", "reefs", "barcoding", "páramo"}),
        ('"); DROP TABLE x; --', set()),  # operators are words, never syntax
        ("fish* OR NOT reef", set()),
    ],
)
def test_search_matches_the_same_on_every_database(published, query, expected):
    assert titles(query) == {TEXTS[k][0] for k in expected}


def test_unpublished_requests_are_never_found(published, people):
    request_create(
        by=people.focal_point,
        country=people.malawi,
        **request_fields(title="Secret mangroves draft"),
    )
    assert titles("secret") == set()


def test_an_edit_is_searchable_at_once(published, people):
    request = Request.objects.get(pk=published["reefs"].pk)
    request.status = Request.Status.DRAFT
    request.save()
    request = request_update(
        request=request, by=people.focal_point, title="Seagrass meadows"
    )
    request.status = Request.Status.PUBLISHED
    request.save()
    assert titles("seagrass") == {"Seagrass meadows"}
    assert titles("coral") == set()


def test_ranking_puts_the_better_match_first(published):
    from mutua.core.search import search

    ranked = list(
        search(Request.objects.all(), "restauracion humedales", rank=True).values_list(
            "title", flat=True
        )
    )
    assert ranked[0] == "Conservación del páramo"


def test_any_word_matches_records_with_one_of_the_words(published):
    from mutua.core.search import search

    found = search(Request.objects.all(), "coral paramo", any_word=True)
    assert {r.title for r in found} == {
        "Coral reef monitoring",
        "Conservación del páramo",
    }
