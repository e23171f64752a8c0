"""Answering a match: each side accepts or declines, a decline with its reason,
and a match both sides accept becomes a partnership taking one of the offer's
places, on the pages, over the API and in the services."""

from functools import partial

import pytest
from django.db import connection
from django.urls import reverse

from mutua.cooperation.models import Partnership
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.matching import services
from mutua.matching.models import Match
from mutua.matching.selectors import engine_data as selectors
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.concurrency import race
from mutua.testing.http import http
from mutua.testing.http import key_of
from mutua.testing.matching import page
from mutua.testing.matching import propose

pytestmark = pytest.mark.django_db


def test_the_requester_proposes_and_the_provider_accepts(client, people, suggested):
    request, offer = suggested
    client.force_login(people.member)
    assert "Propose this match" in page(client, request)
    response = propose(client, request, str(offer.uuid))
    assert response.status_code == 302
    match = Match.objects.get()
    assert match.origin == "engine" and match.requester_decision == "accepted"
    assert "Propose this match" not in page(client, request)  # proposed once

    client.force_login(people.provider)
    body = page(client, request)
    assert "Accept" in body and "Reason for declining" in body
    response = client.post(
        reverse("matching:answer", args=[match.uuid]), {"answer": "accept"}, follow=True
    )
    assert "the partnership begins" in response.content.decode()
    match.refresh_from_db()
    partnership_page = client.get(match.partnership.get_absolute_url())
    assert partnership_page.status_code == 200
    assert "Suggested by the matching engine" in partnership_page.content.decode()


def test_a_decline_without_a_reason_is_refused_with_a_message(
    client, people, suggested
):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(people.provider)
    url = reverse("matching:answer", args=[match.uuid])
    response = client.post(url, {"answer": "decline", "reason": ""}, follow=True)
    assert "Give a reason to decline." in response.content.decode()
    response = client.post(url, {"answer": "maybe"}, follow=True)
    assert "Answer: choose accept or decline." in response.content.decode()
    match.refresh_from_db()
    assert match.status == "proposed"
    client.post(url, {"answer": "decline", "reason": "<script>x</script> Busy."})
    match.refresh_from_db()
    assert match.status == "declined"
    assert "&lt;script&gt;" in page(client, request)


@pytest.mark.parametrize("who", ["outsider", "secretariat", "coordinator"])
def test_who_answers_for_no_side_is_refused(client, people, suggested, who):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(getattr(people, who))
    response = client.post(
        reverse("matching:answer", args=[match.uuid]), {"answer": "accept"}
    )
    assert response.status_code == 403
    match.refresh_from_db()
    assert match.provider_decision == "pending"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, False),
        ("outsider", False),
        ("member", True),
        ("focal_point", True),
        ("provider", True),
        ("coordinator", True),
        ("secretariat", True),
    ],
)
def test_why_a_side_declined_is_shown_to_those_involved_only(
    client, people, suggested, who, sees
):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    client.force_login(people.provider)
    client.post(
        reverse("matching:answer", args=[Match.objects.get().uuid]),
        {"answer": "decline", "reason": "Our team is busy until March."},
    )
    client.logout()
    if who:
        client.force_login(getattr(people, who))
    body = page(client, request)
    assert "Declined" in body  # everyone sees the answer
    assert ("Our team is busy until March." in body) is sees


def test_a_pair_in_partnership_is_not_offered_again_and_its_places_drop(
    client, people, suggested
):
    request, offer = suggested
    capacity = offer.capacity
    client.force_login(people.member)
    assert f"{capacity} places left" in page(client, request)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(people.provider)
    client.post(reverse("matching:answer", args=[match.uuid]), {"answer": "accept"})
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED and match.partnership

    client.force_login(people.member)
    body = page(client, request)
    assert "Propose this match" not in body
    left = capacity - 1
    assert (f"{left} places left" if left != 1 else "1 place left") in body
    response = propose(client, request, str(offer.uuid))  # by hand, all the same
    assert response.status_code == 302
    assert Match.objects.count() == 1
    detail = client.get(offer.get_absolute_url()).content.decode()
    assert f"{left} left" in detail


@pytest.mark.django_db(transaction=True)
def test_suggestions_and_a_match_that_becomes_a_partnership(
    live_server, people, suggested
):
    request, offer = suggested
    status, found = http(live_server, "GET", f"/requests/{request.uuid}/suggestions")
    assert status == 200
    (first,) = found
    assert first["offer"]["uuid"] == str(offer.uuid) and first["rank"] == 1
    assert first["explanation"].startswith("Both work in English")
    assert 0 <= first["parts"]["targets"] <= 1

    member, provider = key_of(people.member), key_of(people.provider)
    body = {"request": str(request.uuid), "offer": str(offer.uuid)}
    status, match = http(live_server, "POST", "/matches", body, key=member)
    assert status == 201 and match["origin"] == "engine"
    assert match["requester_decision"] == "accepted" and match["partnership"] is None
    status, again = http(live_server, "POST", "/matches", body, key=member)
    assert status == 409 and again["errors"][0]["field"] == "offer"

    answer = f"/matches/{match['uuid']}/answer"
    status, refused = http(live_server, "POST", answer, {"accept": False}, key=provider)
    assert status == 422 and refused["errors"][0]["field"] == "reason"
    status, done = http(live_server, "POST", answer, {"accept": True}, key=provider)
    assert status == 200 and done["status"] == "accepted" and done["partnership"]
    status, listed = http(live_server, "GET", f"/requests/{request.uuid}/matches")
    assert [m["uuid"] for m in listed] == [match["uuid"]]


def test_a_match_both_sides_accept_becomes_a_partnership(people, pair):
    request, offer = pair
    match = services.match_propose(
        request=request, offer=offer, by=people.member, score=7.5, reasons=[("text",)]
    )
    assert match.requester_decision == "accepted"  # who proposes has accepted
    assert match.provider_decision == "pending" and match.origin == "engine"
    assert services.places_left(offer) == 2

    match = services.match_answer(match=match, by=people.provider, accept=True)
    assert match.status == Match.Status.ACCEPTED
    partnership = match.partnership
    assert (partnership.request, partnership.offer) == (request, offer)
    assert partnership.origin == Partnership.Origin.ENGINE
    assert partnership.status == Partnership.Status.ACTIVE
    assert services.places_left(offer) == 1
    request.refresh_from_db()
    assert request.status == Request.Status.IN_PARTNERSHIP
    moved = Transition.objects.filter(request=request).latest("at")
    assert (moved.action, moved.from_status, moved.by) == (
        "enter_partnership",
        "published",
        people.provider,
    )


def test_a_coordinator_proposes_and_each_side_answers(people, pair):
    request, offer = pair
    match = services.match_propose(
        request=request, offer=offer, by=people.coordinator, origin="coordinator"
    )
    assert (match.requester_decision, match.provider_decision) == ("pending", "pending")
    match = services.match_answer(match=match, by=people.focal_point, accept=True)
    assert match.status == Match.Status.PROPOSED and match.partnership is None
    match = services.match_answer(match=match, by=people.provider, accept=True)
    assert match.partnership.origin == Partnership.Origin.COORDINATOR


def test_a_decline_needs_a_reason_and_feeds_the_track_record(people, pair):
    request, offer = pair
    match = services.match_propose(request=request, offer=offer, by=people.member)
    with pytest.raises(ValidationError) as refused:
        services.match_answer(match=match, by=people.provider, accept=False, reason=" ")
    assert refused.value.message_dict == {"reason": ["Give a reason to decline."]}
    with pytest.raises(ValidationError, match="under 2,000"):
        services.match_answer(
            match=match, by=people.provider, accept=False, reason="x" * 2001
        )
    match = services.match_answer(
        match=match, by=people.provider, accept=False, reason="No trainer free in May."
    )
    assert match.status == Match.Status.DECLINED
    assert match.decline_reason == "No trainer free in May."
    assert match.provider_decided_by == people.provider
    (data,) = selectors.offer_data(Offer.objects.filter(pk=offer.pk))
    assert (data.declined, data.accepted, data.completed) == (1, 0, 0)
    with pytest.raises(ValidationError, match="already been answered"):
        services.match_answer(match=match, by=people.provider, accept=True)


def test_completed_partnerships_feed_the_track_record(people, pair):
    request, offer = pair
    match = services.match_propose(request=request, offer=offer, by=people.member)
    match = services.match_answer(match=match, by=people.provider, accept=True)
    Partnership.objects.filter(pk=match.partnership.pk).update(status="completed")
    (data,) = selectors.offer_data(Offer.objects.filter(pk=offer.pk))
    assert (data.accepted, data.completed, data.capacity) == (1, 1, 2)


@pytest.mark.parametrize("who", ["outsider", "secretariat", "coordinator", "member"])
def test_only_the_provider_answers_for_the_provider(people, pair, who):
    request, offer = pair
    match = services.match_propose(request=request, offer=offer, by=people.member)
    with pytest.raises(PermissionDenied, match="may not answer"):
        services.match_answer(match=match, by=getattr(people, who), accept=True)
    match.refresh_from_db()
    assert match.provider_decision == "pending"


def test_the_last_place_goes_to_one_partnership_only(people):
    offer = published_offer(people, capacity=1)
    first, second = published_request(people), published_request(people, title="Other")
    matches = [
        services.match_propose(request=r, offer=offer, by=people.member)
        for r in (first, second)
    ]
    services.match_answer(match=matches[0], by=people.provider, accept=True)
    with pytest.raises(ValidationError, match="No place is left"):
        services.match_answer(match=matches[1], by=people.provider, accept=True)
    matches[1].refresh_from_db()
    assert matches[1].provider_decision == "pending"  # nothing half-written
    assert Partnership.objects.count() == 1
    third = published_request(people, title="Third")
    with pytest.raises(ValidationError, match="No place is left"):
        services.match_propose(request=third, offer=offer, by=people.coordinator)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's to prove"
)
def test_two_acceptances_racing_for_the_last_place_never_overbook(people, reference):
    offer = published_offer(people, capacity=1)
    matches = [
        services.match_propose(
            request=published_request(people, title=f"Need {i}"),
            offer=offer,
            by=people.member,
        )
        for i in range(2)
    ]
    errors = race(
        *(
            partial(services.match_answer, match=m, by=people.provider, accept=True)
            for m in matches
        )
    )
    assert len(errors) == 1 and "No place is left" in str(errors[0])
    assert Partnership.objects.filter(offer=offer).count() == 1
