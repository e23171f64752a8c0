"""Valid field sets for requests, offers and opportunities, to be varied by each
test, and records in a given state, made through the services as a user would."""

import datetime as dt

from django.utils import timezone

from mutua.cooperation import services as cooperation
from mutua.cooperation.models import Activity
from mutua.cooperation.models import Partnership
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import ResourceType
from mutua.directory.models import TargetGroup
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.matching import ranking

TODAY = timezone.localdate


def request_fields(**overrides) -> dict:
    fields = {
        "title": "Barcoding of freshwater fish in Lake Malawi",
        "challenge": "Cichlid species are declining and cannot be told apart in surveys.",
        "barriers": "No DNA barcoding laboratory and no trained taxonomists.",
        "assistance_sought": "Training in DNA barcoding, to run national surveys.",
        "targets": GbfTarget.objects.filter(number__in=[4, 20]),
        "modalities": Modality.objects.filter(code="joint_training"),
        "resources": ResourceType.objects.filter(code="expertise"),
        "languages": Language.objects.filter(code="en"),
        "beneficiaries": ["iplc", "youth"],
        "touches_iplc_lands": "no",
    }
    fields.update(overrides)
    return fields


def offer_fields(**overrides) -> dict:
    fields = {
        "title": "DNA barcoding laboratory training",
        "description": "Two-week hands-on course on barcoding freshwater fauna.",
        "targets": GbfTarget.objects.filter(number__in=[4]),
        "modalities": Modality.objects.filter(code="joint_training"),
        "resources": ResourceType.objects.filter(
            code__in=["expertise", "technologies"]
        ),
        "languages": Language.objects.filter(code__in=["en", "fr"]),
        "eligibility": ["LDC"],
        "capacity": 2,
        "valid_until": timezone.localdate() + dt.timedelta(days=180),
    }
    fields.update(overrides)
    return fields


def published_request(people, **overrides) -> Request:
    """A request of the Malawian NGO, submitted, endorsed and published."""
    request = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(**overrides),
    )
    for action, by in (
        ("submit", people.member),
        ("endorse", people.focal_point),
        ("publish", people.coordinator),
    ):
        request = request_transition(request=request, action=action, by=by)
    return request


def published_offer(people, **overrides) -> Offer:
    """A published offer of the South African university."""
    offer = listing_create(
        Offer,
        by=people.provider,
        organization=people.university,
        **offer_fields(**overrides),
    )
    return listing_transition(listing=offer, action="publish", by=people.provider)


def published_opportunity(people, **overrides) -> Opportunity:
    """A published funding call of the South African university."""
    fields = {
        "title": "Small grants for wetland restoration",
        "description": "Grants for community wetland work.",
        "how_to_apply": "Send a two-page concept note.",
        "deadline": timezone.localdate() + dt.timedelta(days=60),
        **overrides,
    }
    opportunity = listing_create(
        Opportunity, by=people.provider, organization=people.university, **fields
    )
    return listing_transition(listing=opportunity, action="publish", by=people.provider)


# The registration form of an organization, filled in.
NEW_ORG = {
    "name": "Lake Chilwa Fishers",
    "country": "MWI",
    "type": "grassroots",
    "website": "https://chilwa.example.org",
    "description": "Fishers who monitor the lake.",
}


CONTACT = {"contact_name": "Grace Banda", "contact_email": "grace@example.org"}
CLARIFY_NOTE = "Which lakes exactly?"


def reviewed_request(people, **overrides) -> Request:
    """A published request of the Malawian NGO with a contact, that the
    coordinator sent back once with a question before publishing it."""
    request = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(**CONTACT, **overrides),
    )
    for action, by, reason in (
        ("submit", people.member, ""),
        ("endorse", people.focal_point, ""),
        ("clarify", people.coordinator, CLARIFY_NOTE),
        ("submit", people.member, ""),
        ("publish", people.coordinator, ""),
    ):
        request = request_transition(
            request=request, action=action, by=by, reason=reason
        )
    return request


# Requests and listings in each state, as the exchange's pages tests make them -----


def draft(people, by=None, organization="ngo", **overrides) -> Request:
    """A draft request for Malawi, of the NGO unless `organization` says otherwise."""
    return request_create(
        by=by or people.member,
        country=people.malawi,
        organization=people.ngo if organization == "ngo" else organization,
        **request_fields(**overrides),
    )


def under_review(people, **overrides) -> Request:
    """A request the focal point submitted, awaiting the coordinator's review."""
    request = draft(people, by=people.focal_point, organization=None, **overrides)
    return request_transition(request=request, action="submit", by=people.focal_point)


def published(people, **overrides) -> Request:
    """A request the focal point submitted and the coordinator published."""
    return request_transition(
        request=under_review(people, **overrides),
        action="publish",
        by=people.coordinator,
    )


def offer(people, publish=True, **overrides) -> Offer:
    """An offer of the South African university, published unless told not to."""
    listing = listing_create(
        Offer,
        by=people.provider,
        organization=people.university,
        **offer_fields(**overrides),
    )
    if publish:
        listing = listing_transition(
            listing=listing, action="publish", by=people.provider
        )
    return listing


def opportunity_fields(**overrides) -> dict:
    fields = {
        "title": "Small grants for wetland restoration",
        "description": "Grants of up to 20,000 USD for community wetland work.",
        "how_to_apply": "Send a two-page concept note.",
        "deadline": TODAY() + dt.timedelta(days=60),
        "amount": 20000,
        "currency": "USD",
        "eligibility": ["LDC"],
    }
    fields.update(overrides)
    return fields


def opportunity(people, publish=True, **overrides) -> Opportunity:
    """A funding call of the South African university, published unless told not to."""
    listing = listing_create(
        Opportunity,
        by=people.provider,
        organization=people.university,
        **opportunity_fields(**overrides),
    )
    if publish:
        listing = listing_transition(
            listing=listing, action="publish", by=people.provider
        )
    return listing


# What the API and the forms are sent ------------------------------------------------


def request_body(**overrides) -> dict:
    body = {
        "country": "MWI",
        "title": "Barcoding of freshwater fish in Lake Malawi",
        "challenge": "Cichlid species are declining and cannot be told apart.",
        "barriers": "No DNA barcoding laboratory.",
        "targets": [4, 20],
        "modalities": ["joint_training"],
        "resources": ["expertise"],
        "languages": ["en"],
        "beneficiaries": ["iplc", "youth"],
    }
    body.update(overrides)
    return body


def offer_body(**overrides) -> dict:
    body = {
        "title": "DNA barcoding laboratory training",
        "description": "Two-week hands-on course on barcoding freshwater fauna.",
        "targets": [4],
        "modalities": ["joint_training"],
        "resources": ["expertise"],
        "languages": ["en", "fr"],
        "eligibility": ["LDC"],
        "capacity": 2,
        "valid_until": str(timezone.localdate() + dt.timedelta(days=180)),
    }
    body.update(overrides)
    return body


def opportunity_body(**overrides) -> dict:
    body = {
        "title": "Seed grants for South-South exchanges",
        "description": "Small grants covering travel and accommodation.",
        "how_to_apply": "Send a two-page concept note.",
        "deadline": str(timezone.localdate() + dt.timedelta(days=60)),
        "targets": [20],
        "languages": ["en"],
        "amount": "5000.00",
        "currency": "USD",
    }
    body.update(overrides)
    return body


def request_form_data(people, **overrides) -> dict:
    data = {
        "country": people.malawi.pk,
        "organization": people.ngo.pk,
        "title": "Seagrass mapping along the lake shore",
        "challenge": "Aquatic plant beds are shrinking and nobody maps them.",
        "level": "national",
        "targets": ["2", "20"],
        "beneficiaries": ["iplc", "women"],
        "touches_iplc_lands": "no",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# Matches and partnerships -----------------------------------------------------------


def suggested_pair(people) -> tuple[Request, Offer]:
    """A published request and offer, with the request's suggestions worked out."""
    request, offer = published_request(people), published_offer(people)
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    return request, offer


def entered(people, *extra: dict, by=None, **fields) -> Partnership:
    """A Malawian NGO helped by a South African university, entered directly."""
    return cooperation.partnership_create(
        by=by or people.member,
        title=fields.pop("title", "Wetland monitoring with drones"),
        started_on=fields.pop("started_on", dt.date(2026, 3, 1)),
        participants=[
            {"role": "beneficiary", "organization": people.ngo},
            {"role": "provider", "organization": people.university},
            *extra,
        ],
        **fields,
    )


def training(people, partnership, **fields) -> Activity:
    """A training the NGO's member records on the partnership."""
    return cooperation.record_add(
        partnership=partnership,
        by=people.member,
        kind="activity",
        **{
            "title": "Drone mapping for rangers",
            "modality": Modality.objects.get(code="joint_training"),
            "delivery": "face_to_face",
            "held_on": dt.date(2026, 4, 2),
            "lead_organization": people.university,
            "languages": [Language.objects.get(code="ny")],
            "in_local_language": True,
            "target_groups": [TargetGroup.objects.get(code="grassroots")],
            **fields,
        },
    )
