"""The matching pages and API lists read a fixed number of queries, however many
suggestions, matches, fits, proposals and round pairs they show (no N+1)."""

import pytest
from django.test import Client
from django.urls import reverse

from mutua.exchange.models import Request
from mutua.matching import ranking
from mutua.matching import rounds
from mutua.matching import services
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.http import forget_cached

pytestmark = pytest.mark.django_db

# The most queries each page may take, sessions, permission checks and the
# header's unread count (signed in) included.
BUDGET = {
    "request": 10,
    "request-signed-in": 15,
    "fits": 12,
    "waiting": 6,
    "rounds": 7,
    "round": 11,
    "api-suggestions": 6,
    "api-matches": 2,
}


@pytest.fixture(params=[1, 5], ids=["one-row", "five-rows"])
def shown(request, people):
    """n offers and n requests, every request's suggestions worked out, n matches
    of the first request waiting for Malawi's answer, and a round of n pairs."""
    n = request.param
    offers = [published_offer(people, title=f"Barcoding course {i}") for i in range(n)]
    requests = [
        published_request(people, title=f"Barcoding of lake fish {i}") for i in range(n)
    ]
    ranking.suggestions_refresh(Request.objects.all())
    for offer in offers:
        services.match_propose(request=requests[0], offer=offer, by=people.provider)
    found = rounds.round_start(region=people.eastern_africa, by=people.coordinator)
    rounds.round_work_out(found)
    assert found.pairs.count() == n
    return {"request": requests[0], "offer": offers[0], "round": found}


def _pages(shown) -> list[tuple[str, str | None, str]]:
    """Each page and API list to check: the name of its budget, who is signed in,
    its address."""
    request_page = reverse("matching:request", args=[shown["request"].uuid])
    fits_page = reverse("matching:offer", args=[shown["offer"].uuid])
    api = f"/api/v1/requests/{shown['request'].uuid}"
    return [
        ("request", None, request_page),
        *[
            ("request-signed-in", who, request_page)
            for who in ("member", "provider", "coordinator")
        ],
        *[("fits", who, fits_page) for who in (None, "provider")],
        ("waiting", "focal_point", reverse("matching:waiting")),
        ("rounds", "coordinator", reverse("matching:rounds")),
        ("round", "coordinator", reverse("matching:round", args=[shown["round"].uuid])),
        ("api-suggestions", None, f"{api}/suggestions"),
        ("api-matches", None, f"{api}/matches"),
    ]


def test_every_page_and_list_takes_a_fixed_number_of_queries(
    people, shown, subtests, django_assert_max_num_queries
):
    for budget, who, url in _pages(shown):
        client = Client()
        if who:
            client.force_login(getattr(people, who))
        forget_cached()
        with (
            subtests.test(f"{budget} as {who or 'a visitor'}"),
            django_assert_max_num_queries(BUDGET[budget]),
        ):
            assert client.get(url).status_code == 200
