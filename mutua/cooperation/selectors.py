"""Reads of cooperation that pages, exports and services share."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .cooperation_type import CooperationType
from .models import (
    Activity,
    Attendance,
    ExchangeRate,
    FundingFlow,
    Partnership,
    Policy,
    Publication,
    Technology,
)

QUERY_LENGTH = 200


def partnership_by_uuid(uuid) -> Partnership:
    """A partnership with the countries of its request and offer, or 404."""
    return get_object_or_404(
        Partnership.objects.select_related("request__country", "offer__country"),
        uuid=uuid,
    )


def partnerships(query: str = "", kind: str = "") -> QuerySet[Partnership]:
    """Every partnership, or those with the words of `query` in their title and of
    the cooperation type `kind` (an unknown type narrows nothing)."""
    found = Partnership.objects.select_related("country")
    if query.strip():
        found = found.filter(title__icontains=query.strip()[:QUERY_LENGTH])
    if kind in {t.value for t in CooperationType}:
        found = found.filter(cooperation_type=kind)
    return found


def results_of(partnership: Partnership) -> dict[str, QuerySet]:
    """What a partnership did and produced, by kind, as its page shows them."""
    return {
        "activities": Activity.objects.filter(partnership=partnership)
        .select_related("modality", "lead_organization", "lead_country")
        .prefetch_related("attendance", "target_groups", "languages"),
        "technologies": Technology.objects.filter(partnership=partnership),
        "publications": Publication.objects.filter(partnership=partnership),
        "policies": Policy.objects.filter(partnership=partnership),
        "funding": FundingFlow.objects.filter(partnership=partnership).select_related(
            "funder__organization", "funder__country"
        ),
    }


def participants_of(partnership: Partnership) -> QuerySet:
    return partnership.participants.select_related("organization", "country")


# The tables of the exports: the records of the partnerships whose ids are given.
TABLES = {
    "partnerships": lambda ids: Partnership.objects.filter(pk__in=ids),
    "activities": lambda ids: Activity.objects.filter(partnership__in=ids),
    "attendance": lambda ids: Attendance.objects.filter(activity__partnership__in=ids),
    "technologies": lambda ids: Technology.objects.filter(partnership__in=ids),
    "publications": lambda ids: Publication.objects.filter(partnership__in=ids),
    "policies": lambda ids: Policy.objects.filter(partnership__in=ids),
    "funding": lambda ids: FundingFlow.objects.filter(partnership__in=ids),
}


def exchange_rates(currency: str = "") -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.filter(Q(currency=currency) if currency else Q())


def flows_converted_at(rate: ExchangeRate) -> QuerySet[FundingFlow]:
    """The funding flows whose reporting amount was computed at this rate."""
    return (
        FundingFlow.objects.filter(rate=rate)
        .select_related("partnership")
        .order_by("dated", "pk")
    )
