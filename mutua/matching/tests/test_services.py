"""Matches: proposing, answering, and the partnerships they become."""

import datetime as dt
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from mutua.cooperation.models import Partnership
from mutua.core.errors import Conflict, PermissionDenied, ValidationError
from mutua.directory.models import Language
from mutua.exchange import services as exchange
from mutua.exchange.models import Offer, Request, Transition
from mutua.matching import services
from mutua.matching.models import Match
from mutua.matching.selectors import engine_data as selectors
from mutua.testing.builders import (
    offer_fields,
    published_offer,
    published_request,
    request_fields,
)
from mutua.testing.concurrency import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(people):
    return published_request(people), published_offer(people)


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


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("member", True),
        ("focal_point", True),
        ("provider", True),
        ("coordinator", True),
        ("secretariat", True),
        ("outsider", False),
    ],
)
def test_who_may_propose(people, pair, who, may):
    request, offer = pair
    if may:
        assert services.match_propose(
            request=request, offer=offer, by=getattr(people, who)
        )
    else:
        with pytest.raises(PermissionDenied):
            services.match_propose(
                request=request, offer=offer, by=getattr(people, who)
            )
        assert not Match.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "secretariat", "coordinator", "member"])
def test_only_the_provider_answers_for_the_provider(people, pair, who):
    request, offer = pair
    match = services.match_propose(request=request, offer=offer, by=people.member)
    with pytest.raises(PermissionDenied, match="may not answer"):
        services.match_answer(match=match, by=getattr(people, who), accept=True)
    match.refresh_from_db()
    assert match.provider_decision == "pending"


def test_a_pair_is_proposed_once_while_open(people, pair):
    request, offer = pair
    services.match_propose(request=request, offer=offer, by=people.member)
    with pytest.raises(Conflict, match="already matched"):
        services.match_propose(request=request, offer=offer, by=people.coordinator)
    assert Match.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": Language.objects.none}, None),  # no languages: no constraint
        (
            {"languages": lambda: Language.objects.filter(code="es")},
            "no common language",
        ),
        ({"eligibility": ["SIDS"]}, "not eligible"),
    ],
)
def test_hard_constraints_hold_for_people_too(people, change, message):
    request = published_request(people)
    fields = {k: v() if callable(v) else v for k, v in change.items()}
    offer = published_offer(people, **fields)
    if message is None:
        assert services.match_propose(request=request, offer=offer, by=people.member)
    else:
        with pytest.raises(ValidationError, match=message):
            services.match_propose(request=request, offer=offer, by=people.member)


def test_an_organization_is_never_matched_with_itself(people):
    request = published_request(people)
    own = exchange.listing_create(
        Offer, by=people.member, organization=people.ngo, **offer_fields()
    )
    own = exchange.listing_transition(listing=own, action="publish", by=people.member)
    with pytest.raises(ValidationError, match="own offer"):
        services.match_propose(request=request, offer=own, by=people.coordinator)


def test_only_open_requests_and_valid_offers_are_matched(people, pair):
    request, offer = pair
    Offer.objects.filter(pk=offer.pk).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    offer.refresh_from_db()
    with pytest.raises(ValidationError, match="published, valid offer"):
        services.match_propose(request=request, offer=offer, by=people.member)
    draft = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    with pytest.raises(ValidationError, match="Only a published request"):
        services.match_propose(
            request=draft, offer=published_offer(people), by=people.member
        )


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


def test_a_match_cannot_claim_to_be_entered_directly(people, pair):
    request, offer = pair
    with pytest.raises(ValidationError, match="Unknown origin"):
        services.match_propose(request=request, offer=offer, by=None, origin="direct")
    assert not Match.objects.exists()


def test_a_pair_already_matched_or_in_partnership_is_refused_as_a_conflict(
    people, pair
):
    request, offer = pair
    match = services.match_propose(request=request, offer=offer, by=people.member)
    with pytest.raises(Conflict, match="already matched"):
        services.match_propose(request=request, offer=offer, by=people.member)
    services.match_answer(match=match, by=people.provider, accept=True)
    assert offer.places_left() == offer.capacity - 1
    with pytest.raises(Conflict, match="already matched"):
        services.match_propose(request=request, offer=offer, by=people.coordinator)


def test_an_offer_limited_to_other_countries_cannot_be_proposed(people, pair):
    request, offer = pair
    offer.serves_everywhere, offer.serves_as = False, Offer.Serves.LIMIT
    offer.save()
    offer.serves_countries.set([people.south_africa])
    with pytest.raises(ValidationError, match="cannot serve"):
        services.match_propose(request=request, offer=offer, by=people.coordinator)
    offer.serves_as = Offer.Serves.PREFERENCE
    offer.save()
    assert services.match_propose(request=request, offer=offer, by=people.coordinator)
