"""Reads of the exchange: public lists with search, filters, facets and pages."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from mutua.core.search import search
from mutua.directory import access as directory
from mutua.directory.access import Actor

from .lifecycle import PUBLIC_LISTING_STATUSES, PUBLIC_REQUEST_STATUSES
from .models import Offer, Opportunity, Request

GROUP_FLAGS = {"LDC": "is_ldc", "LLDC": "is_lldc", "SIDS": "is_sids"}


@dataclass(frozen=True)
class ListFilters:
    """What a visitor can narrow a public list by; codes as in the reference data."""

    query: str = ""
    targets: list[int] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # M49 region or subregion codes
    countries: list[str] = field(default_factory=list)  # ISO alpha-3
    groups: list[str] = field(default_factory=list)  # LDC, LLDC, SIDS


def _filter(queryset: QuerySet, filters: ListFilters, *, country_path: str) -> QuerySet:
    if filters.targets:
        queryset = queryset.filter(targets__number__in=filters.targets)
    if filters.modalities:
        queryset = queryset.filter(modalities__code__in=filters.modalities)
    if filters.resources and hasattr(queryset.model, "resources"):
        queryset = queryset.filter(resources__code__in=filters.resources)
    if filters.languages:
        queryset = queryset.filter(languages__code__in=filters.languages)
    if filters.regions:
        queryset = queryset.filter(
            Q(**{f"{country_path}__region__code__in": filters.regions})
            | Q(**{f"{country_path}__subregion__code__in": filters.regions})
            | Q(**{f"{country_path}__intermediate_region__code__in": filters.regions})
        )
    if filters.countries:
        queryset = queryset.filter(**{f"{country_path}__iso3__in": filters.countries})
    for group in filters.groups:
        if group in GROUP_FLAGS:
            queryset = queryset.filter(
                **{f"{country_path}__{GROUP_FLAGS[group]}": True}
            )
    if filters.targets or filters.modalities or filters.resources or filters.languages:
        queryset = queryset.distinct()
    return search(queryset, filters.query)


def public_requests(filters: ListFilters) -> QuerySet[Request]:
    queryset = Request.objects.filter(status__in=PUBLIC_REQUEST_STATUSES)
    return _filter(queryset, filters, country_path="country").select_related(
        "country", "organization"
    )


def public_offers(filters: ListFilters) -> QuerySet[Offer]:
    queryset = Offer.objects.filter(status__in=PUBLIC_LISTING_STATUSES)
    return _filter(queryset, filters, country_path="country").select_related(
        "country", "organization"
    )


def public_opportunities(filters: ListFilters) -> QuerySet[Opportunity]:
    queryset = Opportunity.objects.filter(status__in=PUBLIC_LISTING_STATUSES)
    return _filter(
        queryset, filters, country_path="organization__country"
    ).select_related("organization__country")


def facet_counts(
    queryset: QuerySet, name: str, *, country_path: str = "country"
) -> list[tuple[str, str, int]]:
    """(code, label, count) of one facet over a filtered list, most frequent first."""
    paths = {
        "targets": ("targets__number", "targets__short_title"),
        "modalities": ("modalities__code", "modalities__name"),
        "resources": ("resources__code", "resources__name"),
        "languages": ("languages__code", "languages__name"),
        "regions": (f"{country_path}__region__code", f"{country_path}__region__name"),
        "subregions": (
            f"{country_path}__subregion__code",
            f"{country_path}__subregion__name",
        ),
    }
    code, label = paths[name]
    rows = (
        queryset.order_by()
        .values(code, label)
        .annotate(n=Count("pk", distinct=True))
        .filter(**{f"{code}__isnull": False})
        .order_by("-n")
    )
    return [(str(r[code]), r[label], r["n"]) for r in rows]


def group_counts(
    queryset: QuerySet, *, country_path: str = "country"
) -> list[tuple[str, str, int]]:
    """(group, label, count) of the LDC / LLDC / SIDS countries over a filtered list."""
    counts = queryset.order_by().aggregate(
        **{
            group: Count(
                "pk", filter=Q(**{f"{country_path}__{flag}": True}), distinct=True
            )
            for group, flag in GROUP_FLAGS.items()
        }
    )
    return [(group, group, counts[group]) for group in GROUP_FLAGS]


def page_of(queryset: QuerySet, number: int | str | None, *, size: int = 20):
    return Paginator(queryset, size).get_page(number)


def review_queue(user: Actor) -> QuerySet[Request]:
    """Requests under review in the regions the user coordinates (all for the secretariat)."""
    queryset = Request.objects.filter(status=Request.Status.UNDER_REVIEW)
    if not directory.is_secretariat(user):
        regions = directory.coordinated_region_ids(user)
        queryset = queryset.filter(
            Q(country__region_id__in=regions)
            | Q(country__subregion_id__in=regions)
            | Q(country__intermediate_region_id__in=regions)
        )
    return queryset.select_related("country", "organization").order_by(
        "status_changed_at"
    )


def endorsement_queue(user: Actor) -> QuerySet[Request]:
    """Requests of the user's countries awaiting a focal point's endorsement."""
    queryset = Request.objects.filter(status=Request.Status.SUBMITTED)
    if not directory.is_secretariat(user):
        queryset = queryset.filter(
            country_id__in=directory.focal_point_country_ids(user)
        )
    return queryset.select_related("country", "organization").order_by(
        "status_changed_at"
    )


def requests_of(user: Actor) -> QuerySet[Request]:
    """Requests of the user's organizations and of the countries they serve."""
    return (
        Request.objects.filter(
            Q(organization_id__in=directory.member_organization_ids(user))
            | Q(country_id__in=directory.focal_point_country_ids(user))
        )
        .select_related("country", "organization")
        .order_by("-updated_at")
    )


def listings_of(model: type[Offer] | type[Opportunity], user: Actor) -> QuerySet:
    """Offers or opportunities of the user's organizations and countries."""
    owned = Q(organization_id__in=directory.member_organization_ids(user))
    if model is Offer:
        countries = directory.focal_point_country_ids(user)
        owned |= Q(organization=None, country_id__in=countries)
    return (
        model.objects.filter(owned)
        .select_related("organization")
        .order_by("-updated_at")
    )
