"""Proposing a match: who may, which offers, and what the engine's hard rules
refuse, on the pages, over the API and in the services."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.directory.models import Language
from mutua.exchange.models import Offer
from mutua.exchange.services import listings as exchange_listings
from mutua.exchange.services import requests as exchange
from mutua.matching import services
from mutua.matching.models import Match
from mutua.testing.builders import offer_fields
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.builders import request_fields
from mutua.testing.http import http
from mutua.testing.http import key_of
from mutua.testing.matching import propose

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not an address",
        "https://example.org/offers/",
        "00000000-0000-0000-0000-000000000000",
    ],
)
def test_a_coordinator_proposing_a_missing_offer_gets_a_clear_message(
    client, people, suggested, value
):
    request, _offer = suggested
    client.force_login(people.coordinator)
    response = propose(client, request, value)
    body = client.get(response["Location"]).content.decode()
    assert "Offer: give the address of a published offer." in body
    assert not Match.objects.exists()


def test_a_coordinator_proposes_any_offer_by_its_address(client, people, suggested):
    request, _offer = suggested
    other = published_offer(people, title="Another barcoding course")
    client.force_login(people.coordinator)
    propose(client, request, f"https://mutua.example{other.get_absolute_url()}")
    assert Match.objects.get().origin == "coordinator"


def test_sides_may_propose_only_what_the_engine_suggested(client, people, suggested):
    request, _offer = suggested
    other = published_offer(people, title="Unsuggested")
    client.force_login(people.member)
    assert propose(client, request, str(other.uuid)).status_code == 403
    client.force_login(people.outsider)
    assert propose(client, request, str(_offer.uuid)).status_code == 403
    assert not Match.objects.exists()


def test_visitors_are_sent_to_log_in_and_drafts_stay_hidden(client, people, suggested):
    request, offer = suggested
    response = propose(client, request, str(offer.uuid))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        client.get(reverse("matching:propose", args=[request.uuid])).status_code == 405
    )
    from mutua.testing.builders import request_fields

    draft = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    assert client.get(reverse("matching:request", args=[draft.uuid])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_bad_input_and_refusals(live_server, people, suggested):
    request, offer = suggested
    member, outsider = key_of(people.member), key_of(people.outsider)
    cases = [
        (
            {"request": str(request.uuid), "offer": str(uuid.uuid4())},
            member,
            422,
            "offer",
        ),
        ({"request": str(request.uuid)}, member, 422, "offer"),
        ({"request": "nope", "offer": str(offer.uuid)}, member, 422, "request"),
        (
            {**{"request": str(request.uuid), "offer": str(offer.uuid)}, "x": 1},
            member,
            422,
            "x",
        ),
        ({"request": str(request.uuid), "offer": str(offer.uuid)}, outsider, 403, None),
        ({"request": str(request.uuid), "offer": str(offer.uuid)}, None, 401, None),
    ]
    for body, key, expected, field in cases:
        status, payload = http(live_server, "POST", "/matches", body, key=key)
        assert status == expected, (body, payload)
        if field:
            assert field in {e["field"] for e in payload["errors"]}, payload
    status, _ = http(live_server, "POST", "/matches", raw="{not json", key=member)
    assert status == 400
    missing = f"/matches/{uuid.uuid4()}/answer"
    assert http(live_server, "POST", missing, {"accept": True}, key=member)[0] == 404
    unknown = f"/requests/{uuid.uuid4()}/suggestions"
    assert http(live_server, "GET", unknown)[0] == 404


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
    own = exchange_listings.listing_create(
        Offer, by=people.member, organization=people.ngo, **offer_fields()
    )
    own = exchange_listings.listing_transition(
        listing=own, action="publish", by=people.member
    )
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
