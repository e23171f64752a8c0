"""Valid field sets for requests and offers, to be varied by each test, and
the published records built from them."""

import datetime as dt

from django.utils import timezone

from mutua.directory.models import GbfTarget, Language, Modality, ResourceType
from mutua.exchange.models import Offer, Opportunity, Request
from mutua.exchange.services.listings import listing_create, listing_transition
from mutua.exchange.services.requests import request_create, request_transition


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
