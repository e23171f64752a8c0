"""Who may propose a match and who answers for each side."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import Region
from mutua.exchange import access as exchange
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from .models import AllocationRound
from .models import Match


def answers_for_requester(user: Actor, request: Request) -> bool:
    """The requesting organization's members and the country's focal points."""
    return exchange.owns_request(user, request)


def answers_for_provider(user: Actor, offer: Offer) -> bool:
    """The provider's members (the country's focal points for a country's offer).

    Not the secretariat: it may propose, but never accept on a provider's behalf.
    """
    if not user.is_authenticated:
        return False
    if offer.organization_id is not None:
        return directory.is_member(user, offer.organization)
    return directory.is_focal_point_for(user, offer.country)


def may_propose(user: Actor, request: Request, offer: Offer) -> bool:
    """Either side, the coordinators of the requesting country, the secretariat."""
    return (
        answers_for_requester(user, request)
        or answers_for_provider(user, offer)
        or exchange.reviews_request(user, request)
    )


def may_see_match_notes(user: Actor, match: Match) -> bool:
    """Why a side declined: both sides, the request's coordinators, the secretariat.

    Everyone who may see the request sees its matches and their answers, not
    the reasons given.
    """
    return (
        answers_for_requester(user, match.request)
        or answers_for_provider(user, match.offer)
        or exchange.reviews_request(user, match.request)
    )


def runs_rounds_for(user: Actor, region) -> bool:
    """The region's coordinators and the secretariat run its allocation rounds."""
    return user.is_authenticated and (
        directory.is_secretariat(user)
        or region.pk in directory.coordinated_region_ids(user)
    )


def round_regions_for(user: Actor) -> QuerySet:
    """The regions whose rounds a user runs: every region for the secretariat."""
    regions = Region.objects.all()
    if not directory.is_secretariat(user):
        regions = regions.filter(pk__in=directory.coordinated_region_ids(user))
    return regions


def round_for_user(user: Actor, uuid) -> AllocationRound:
    """The round, or 404 for one that is missing or not the user's to run."""
    found = get_object_or_404(
        AllocationRound.objects.select_related("region"), uuid=uuid
    )
    if not runs_rounds_for(user, found.region):
        raise Http404("No such round.")
    return found


def takes_up_escalation(user: Actor, request: Request) -> bool:
    """The coordinators of the request's region, and the secretariat."""
    return user.is_authenticated and (
        directory.is_secretariat(user) or directory.coordinates(user, request.country)
    )
