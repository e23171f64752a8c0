"""Reads of the matches proposed for requests."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count
from django.db.models import F
from django.db.models import Max
from django.db.models import Q
from django.db.models import QuerySet

from mutua.cooperation.models import Partnership
from mutua.directory import access as directory
from mutua.directory.selectors import country_in
from mutua.directory.selectors import focal_points_of
from mutua.directory.selectors import people_of
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..models import Escalation
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


@dataclass(frozen=True)
class Responsiveness:
    """How an offer's provider answers the proposals made to it."""

    last_answered_at: dt.datetime | None
    asked: int  # proposals whose window has closed, or that the provider answered
    in_time: int  # of those, answered by the provider before the window closed

    @property
    def share_in_time(self) -> float | None:
        return self.in_time / self.asked if self.asked else None


def responsiveness(offer: Offer) -> Responsiveness:
    """When the offer's provider last answered a proposal, and how many of the
    proposals made to it were answered in time. One query."""
    # Not the provider's own proposals, which it accepted as it made them.
    answered = Q(provider_decided_at__isnull=False) & (
        Q(proposed_by__isnull=True) | ~Q(provider_decided_by=F("proposed_by"))
    )
    in_time = answered & (
        Q(answer_by__isnull=True) | Q(provider_decided_at__lte=F("answer_by"))
    )
    figures = Match.objects.filter(offer=offer).aggregate(
        last=Max("provider_decided_at", filter=answered),
        asked=Count("pk", filter=answered | Q(status=Match.Status.LAPSED)),
        in_time=Count("pk", filter=in_time),
    )
    return Responsiveness(figures["last"], figures["asked"], figures["in_time"])


def escalated_for(user: User) -> QuerySet[Escalation]:
    """The escalated requests of the regions the user coordinates (every one
    for the secretariat) that nobody has taken up, oldest first."""
    open_ = (
        Escalation.objects.filter(taken_up_at=None)
        .select_related("request__country", "request__organization")
        .prefetch_related("request__suggestions__offer")
    )
    if directory.is_secretariat(user):
        return open_
    regions = directory.coordinated_region_ids(user)
    return open_.filter(country_in(regions, "request__country"))
