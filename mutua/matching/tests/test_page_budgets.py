"""The matching pages and API lists read a fixed number of queries, however many
suggestions, matches, fits, proposals and round pairs they show (no N+1)."""

import pytest
from django.urls import reverse

from mutua.exchange.models import Request
from mutua.matching import ranking
from mutua.matching import rounds
from mutua.matching import services
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request

pytestmark = pytest.mark.django_db

# The most queries each page may take, sessions, permission checks and the
# header's unread count (signed in) included.
BUDGET = {
    "request": 10,
    "request-signed-in": 15,
    "fits": 11,
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


@pytest.mark.parametrize("who", [None, "member", "provider", "coordinator"])
def test_a_requests_suggestions_and_matches_take_a_fixed_number_of_queries(
    client, people, shown, who, django_assert_max_num_queries
):
    if who:
        client.force_login(getattr(people, who))
    budget = BUDGET["request-signed-in" if who else "request"]
    with django_assert_max_num_queries(budget):
        response = client.get(reverse("matching:request", args=[shown["request"].uuid]))
    assert response.status_code == 200


@pytest.mark.parametrize("who", [None, "provider"])
def test_an_offers_fits_take_a_fixed_number_of_queries(
    client, people, shown, who, django_assert_max_num_queries
):
    if who:
        client.force_login(getattr(people, who))
    with django_assert_max_num_queries(BUDGET["fits"]):
        response = client.get(reverse("matching:offer", args=[shown["offer"].uuid]))
    assert response.status_code == 200


def test_the_proposals_waiting_for_a_country_take_a_fixed_number_of_queries(
    client, people, shown, django_assert_max_num_queries
):
    client.force_login(people.focal_point)
    with django_assert_max_num_queries(BUDGET["waiting"]):
        response = client.get(reverse("matching:waiting"))
    assert response.status_code == 200


def test_the_rounds_and_a_rounds_pairs_take_a_fixed_number_of_queries(
    client, people, shown, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    with django_assert_max_num_queries(BUDGET["rounds"]):
        assert client.get(reverse("matching:rounds")).status_code == 200
    url = reverse("matching:round", args=[shown["round"].uuid])
    with django_assert_max_num_queries(BUDGET["round"]):
        assert client.get(url).status_code == 200


def test_the_apis_lists_take_a_fixed_number_of_queries(
    client, shown, django_assert_max_num_queries
):
    path = f"/api/v1/requests/{shown['request'].uuid}"
    with django_assert_max_num_queries(BUDGET["api-suggestions"]):
        assert client.get(f"{path}/suggestions").status_code == 200
    with django_assert_max_num_queries(BUDGET["api-matches"]):
        assert client.get(f"{path}/matches").status_code == 200
