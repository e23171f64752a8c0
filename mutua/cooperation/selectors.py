"""Reads of cooperation that pages, exports and services share."""

import datetime as dt
from uuid import UUID

from django.db.models import Model
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .cooperation_type import CooperationType
from .models import Activity
from .models import Attendance
from .models import ExchangeRate
from .models import FundingFlow
from .models import Partnership
from .models import Policy
from .models import Publication
from .models import Technology

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


def partnership_or_none(uuid: UUID) -> Partnership | None:
    return Partnership.objects.filter(uuid=uuid).first()


def with_participants(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """Partnerships with their country, targets and participants, as the API sends
    them."""
    return queryset.select_related("country").prefetch_related(
        "targets", "participants__organization__country", "participants__country"
    )


def partnerships_with_participants(
    q: str = "", kind: str | None = None
) -> QuerySet[Partnership]:
    """Partnerships, newest first: by words of the title and by cooperation type."""
    partnerships = Partnership.objects.all()
    if q:
        partnerships = partnerships.filter(title__icontains=q)
    if kind:
        partnerships = partnerships.filter(cooperation_type=kind)
    return with_participants(partnerships)


def partnership_with_participants(pk: int) -> Partnership:
    return with_participants(Partnership.objects.filter(pk=pk)).get()


def activities_of(partnership: Partnership) -> QuerySet[Activity]:
    """What a partnership did, newest first, with who took part."""
    return (
        Activity.objects.filter(partnership=partnership)
        .select_related("modality", "lead_organization", "lead_country")
        .prefetch_related("languages", "target_groups", "attendance")
    )


def results_of(partnership: Partnership) -> dict[str, QuerySet]:
    """What a partnership did and produced, by kind, as its page shows them."""
    return {
        "activities": activities_of(partnership),
        "technologies": Technology.objects.filter(partnership=partnership),
        "publications": Publication.objects.filter(partnership=partnership),
        "policies": Policy.objects.filter(partnership=partnership),
        "funding": FundingFlow.objects.filter(partnership=partnership).select_related(
            "funder__organization", "funder__country"
        ),
    }


def participants_of(partnership: Partnership) -> QuerySet:
    return partnership.participants.select_related("organization", "country")


def record_of(partnership: Partnership, model: type[Model], pk: int) -> Model:
    """A participant, activity or result of the partnership, or 404."""
    return get_object_or_404(model, pk=pk, partnership=partnership)


def fresh(record: Model) -> Model:
    """The record as stored now, to change it rather than a form's copy."""
    return type(record).objects.get(pk=record.pk)


def attendance_rows(activity: Activity) -> list[dict]:
    """Who took part in an activity, as the attendance form's rows."""
    return list(
        activity.attendance.values("stakeholder_type", "role", "gender", "count")
    )


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


def exchange_rate(pk: int) -> ExchangeRate:
    return get_object_or_404(ExchangeRate, pk=pk)


def rate_for(currency: str, on: dt.date) -> ExchangeRate | None:
    """The stored rate in force on a day: the latest one from before it."""
    return (
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


def flows_converted_at(rate: ExchangeRate) -> QuerySet[FundingFlow]:
    """The funding flows whose reporting amount was computed at this rate."""
    return (
        FundingFlow.objects.filter(rate=rate)
        .select_related("partnership")
        .order_by("dated", "pk")
    )
