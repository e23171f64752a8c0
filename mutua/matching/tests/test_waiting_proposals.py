"""A focal point's page of the proposals waiting for its country's answer."""

import pytest
from django.urls import reverse

from mutua.matching.models import Match
from mutua.testing.matching import propose

pytestmark = pytest.mark.django_db


def test_a_focal_point_answers_its_countrys_proposals_from_one_page(
    client, people, suggested
):
    request, offer = suggested
    client.force_login(people.provider)
    propose(client, request, str(offer.uuid))  # waits for Malawi's answer
    match = Match.objects.get()
    url = reverse("matching:waiting")
    client.force_login(people.focal_point)
    body = client.get(url).content.decode()
    assert request.title in body and offer.title in body
    assert reverse("matching:answer", args=[match.uuid]) in body
    me = client.get("/me/").content.decode()
    assert url in me

    response = client.post(
        reverse("matching:answer", args=[match.uuid]),
        {"answer": "accept", "next": "waiting"},
    )
    assert response.status_code == 302 and response.url == url
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED and match.partnership
    assert request.title not in client.get(url).content.decode()


@pytest.mark.parametrize("persona", ["outsider", "member", "provider", "coordinator"])
def test_only_focal_points_see_the_proposals_waiting_for_a_country(
    client, people, suggested, persona
):
    request, offer = suggested
    client.force_login(people.provider)
    propose(client, request, str(offer.uuid))
    client.force_login(getattr(people, persona))
    response = client.get(reverse("matching:waiting"))
    assert response.status_code == 403
    assert request.title not in response.content.decode()


def test_the_waiting_page_asks_visitors_to_log_in(client):
    response = client.get(reverse("matching:waiting"))
    assert response.status_code == 302 and "login" in response.url
