"""Reads of the matches proposed for requests."""

from django.contrib.auth.models import User
from django.db.models import Q
from django.db.models import QuerySet

from mutua.cooperation.models import Partnership
from mutua.directory.selectors import focal_points_of
from mutua.directory.selectors import people_of
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..models import Match


def paired_offer_ids(request: Request) -> set[int]:
    """Offers already matched with a request: proposed or accepted, or in a
    partnership with it. None of them may be proposed again."""
    matched = Match.objects.filter(
        request=request,
        status__in=(Match.Status.PROPOSED, Match.Status.ACCEPTED),
    ).values_list("offer_id", flat=True)
    partners = Partnership.objects.filter(
        request=request, offer__isnull=False
    ).values_list("offer_id", flat=True)
    return set(matched) | set(partners)


def matches_waiting_for_country(country_ids: set[int]) -> list[Match]:
    """Proposed matches whose side of these countries has not answered yet:
    their requests, and the offers made by the countries themselves."""
    pending = Match.Decision.PENDING
    return list(
        Match.objects.filter(status=Match.Status.PROPOSED)
        .filter(
            Q(request__country__in=country_ids, requester_decision=pending)
            | Q(
                offer__country__in=country_ids,
                offer__organization__isnull=True,
                provider_decision=pending,
            )
        )
        .select_related(
            "request__country",
            "request__organization",
            "offer__country",
            "offer__organization",
        )
        .order_by("created_at", "id")
    )


def matches_for(request: Request) -> list[Match]:
    return list(
        Match.objects.filter(request=request)
        .select_related(
            "request__country",
            "request__organization",
            "offer__organization",
            "offer__country",
            "partnership",
        )
        .order_by("-created_at")
    )


def requester_people(request: Request) -> QuerySet[User]:
    """Those who answer a match for the requester (`access.answers_for_requester`)."""
    return people_of(request.organization) | focal_points_of(request.country)


def provider_people(offer: Offer) -> QuerySet[User]:
    """Those who answer a match for the provider (`access.answers_for_provider`)."""
    if offer.organization_id is not None:
        return people_of(offer.organization)
    return focal_points_of(offer.country)
