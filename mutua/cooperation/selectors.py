"""Reads of cooperation that pages and services share."""

from django.db.models import QuerySet

from .models import ExchangeRate, FundingFlow


def flows_converted_at(rate: ExchangeRate) -> QuerySet[FundingFlow]:
    """The funding flows whose reporting amount was computed at this rate."""
    return (
        FundingFlow.objects.filter(rate=rate)
        .select_related("partnership")
        .order_by("dated", "pk")
    )
