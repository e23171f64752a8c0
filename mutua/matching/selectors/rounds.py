"""Reads of allocation rounds: the requests a round considers, what a coordinator
may pair by hand, and the rounds and pairs the pages show."""

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from mutua.directory.models import Region
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..models import AllocationRound
from ..models import RoundPair
from .suggestions import explained

OPEN = (Request.Status.PUBLISHED, Request.Status.MATCHED)


def requests_of_region(region: Region):
    """The open requests of the region's countries: those a round of it considers."""
    return Request.objects.filter(status__in=OPEN).filter(
        Q(country__region=region)
        | Q(country__subregion=region)
        | Q(country__intermediate_region=region)
    )


def round_candidates(found: AllocationRound) -> tuple[QuerySet, QuerySet]:
    """What a coordinator may pair by hand: the round's requests still without an
    offer, and the published offers still valid (the places are checked on adding).
    """
    requests = (
        requests_of_region(found.region)
        .exclude(pk__in=found.pairs.values("request_id"))
        .select_related("country")
        .order_by("country__name", "title")
    )
    offers = (
        Offer.objects.filter(status=Offer.Status.PUBLISHED)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate()))
        .select_related("organization")
        .order_by("title")
    )
    return requests, offers


def rounds_of(regions: QuerySet) -> QuerySet:
    """The latest rounds of these regions (50 at most)."""
    return AllocationRound.objects.filter(region__in=regions).select_related("region")[
        :50
    ]


def round_pairs(found: AllocationRound) -> list[RoundPair]:
    """A round's pairs, each with `.explanation`: its reasons in words."""
    return explained(
        list(found.pairs.select_related("request__country", "offer__organization"))
    )
