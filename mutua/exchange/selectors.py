"""Reads of the exchange: public lists with search, filters, facets and pages,
the work queues, a record's history, and what a user may submit for."""

from dataclasses import dataclass
from dataclasses import field

from django.db.models import Count
from django.db.models import Exists
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import prefetch_related_objects

from mutua.core.paginator import KeysFirstPaginator
from mutua.core.search import search
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import GROUP_MEMBERSHIP
from mutua.directory.models import Country
from mutua.directory.models import CountryGroup
from mutua.directory.models import Organization
from mutua.directory.models import group_condition

from . import access
from .lifecycle import PUBLIC_LISTING_STATUSES
from .lifecycle import PUBLIC_REQUEST_STATUSES
from .models import Offer
from .models import Opportunity
from .models import Request

# The country groups the public lists are filtered and counted by.
LIST_GROUPS = (CountryGroup.LDC, CountryGroup.LLDC, CountryGroup.SIDS)


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


def _linked(queryset: QuerySet, relation: str, lookup: str, values: list) -> QuerySet:
    """Keep the records linked to any of `values` through a many-to-many relation.

    A correlated EXISTS on the link table rather than a join: no duplicate rows,
    so no DISTINCT (which would sort whole rows), and each record is checked
    with one probe of the link table's unique index.
    """
    field = queryset.model._meta.get_field(relation)
    # The keys themselves, not a subquery: PostgreSQL then knows from its
    # statistics how common each one is, and plans accordingly.
    keys = list(
        field.related_model.objects.filter(**{f"{lookup}__in": values}).values_list(
            "pk", flat=True
        )
    )
    links = field.remote_field.through.objects.filter(
        **{
            field.m2m_field_name(): OuterRef("pk"),
            f"{field.m2m_reverse_field_name()}__in": keys,
        }
    )
    return queryset.filter(Exists(links))


def _countries(filters: ListFilters) -> QuerySet[Country]:
    """The countries a list is narrowed to: a subquery on the small country table."""
    countries = Country.objects.all()
    if filters.regions:
        countries = countries.filter(
            Q(region__code__in=filters.regions)
            | Q(subregion__code__in=filters.regions)
            | Q(intermediate_region__code__in=filters.regions)
        )
    if filters.countries:
        countries = countries.filter(iso3__in=filters.countries)
    for group in filters.groups:
        if group in LIST_GROUPS:
            countries = countries.filter(group_condition(group))
    return countries.values("pk")


def _filter(queryset: QuerySet, filters: ListFilters, *, country_path: str) -> QuerySet:
    if filters.targets:
        queryset = _linked(queryset, "targets", "number", filters.targets)
    if filters.modalities:
        queryset = _linked(queryset, "modalities", "code", filters.modalities)
    if filters.resources and hasattr(queryset.model, "resources"):
        queryset = _linked(queryset, "resources", "code", filters.resources)
    if filters.languages:
        queryset = _linked(queryset, "languages", "code", filters.languages)
    if filters.regions or filters.countries or filters.groups:
        queryset = queryset.filter(**{f"{country_path}__in": _countries(filters)})
    return search(queryset, filters.query)


def load_duplicate_ids(user: Actor, requests: list[Request]) -> None:
    """Load the flagged look-alikes' ids and uuids, no more, of the requests whose
    look-alikes `user` may see: one query for a page, none for a visitor."""
    visible = [r for r in requests if access.may_see_duplicates(user, r)]
    alike = Prefetch("possible_duplicates", Request.objects.only("id", "uuid"))
    prefetch_related_objects(visible, alike)


def history_of(record) -> list:
    """The steps of a record's history, oldest first, with who took each."""
    return list(record.transitions.select_related("by"))


def duplicates_seen_by(user: Actor, record) -> list[Request]:
    """The look-alikes flagged for a request, those of them the user may see."""
    if not isinstance(record, Request):
        return []
    if not access.may_see_duplicates(user, record):
        return []
    alike = record.possible_duplicates.select_related(
        "country", "organization"
    ).order_by("-created_at")
    return [other for other in alike if access.may_view_request(user, other)]


def public_requests(filters: ListFilters) -> QuerySet[Request]:
    # Every public request has been published; saying so lets PostgreSQL skip the
    # unpublished rows (NULL, first in a descending index) without reading them.
    queryset = Request.objects.filter(
        status__in=PUBLIC_REQUEST_STATUSES, published_at__isnull=False
    )
    return _filter(queryset, filters, country_path="country").select_related(
        "country", "organization"
    )


def public_offers(filters: ListFilters) -> QuerySet[Offer]:
    queryset = Offer.objects.filter(
        status__in=PUBLIC_LISTING_STATUSES, published_at__isnull=False
    )
    return _filter(queryset, filters, country_path="country").select_related(
        "country", "organization"
    )


def public_opportunities(filters: ListFilters) -> QuerySet[Opportunity]:
    queryset = Opportunity.objects.filter(status__in=PUBLIC_LISTING_STATUSES)
    return _filter(
        queryset, filters, country_path="organization__country"
    ).select_related("organization__country")


LINKED_FACETS = {  # facet: relation, code field, label field
    "targets": ("targets", "number", "short_title"),
    "modalities": ("modalities", "code", "name"),
    "resources": ("resources", "code", "name"),
    "languages": ("languages", "code", "name"),
}


def linked_counts(queryset: QuerySet, name: str) -> list[tuple[str, str, int]]:
    """(code, label, count) of a many-to-many facet over a list, most frequent first.

    Counted on the link table, whose rows are unique per record and code.
    """
    relation, code, label = LINKED_FACETS[name]
    field = queryset.model._meta.get_field(relation)
    other = field.m2m_reverse_field_name()
    counts = dict(
        field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}__in": queryset.order_by().values("pk")}
        )
        .values_list(other)
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = field.related_model.objects.filter(pk__in=counts).values_list(
        "pk", code, label
    )
    rows = [(str(c), text, counts[pk]) for pk, c, text in labels]
    return sorted(rows, key=lambda row: -row[2])


def country_counts(
    queryset: QuerySet, *, country_path: str = "country"
) -> dict[str, list[tuple[str, str, int]]]:
    """The region, subregion and group facets over a list, from one count per country.

    Returns {"regions": [...], "subregions": [...], "groups": [...]}, each a
    list of (code, label, count), most frequent first (groups in fixed order).
    """
    per_country = dict(
        queryset.order_by().values_list(country_path).annotate(n=Count("pk")).order_by()
    )
    regions: dict[tuple[str, str], int] = {}
    subregions: dict[tuple[str, str], int] = {}
    groups = dict.fromkeys((g.value for g in LIST_GROUPS), 0)
    membership = [GROUP_MEMBERSHIP[g] for g in LIST_GROUPS]
    countries = Country.objects.filter(pk__in=per_country).values_list(
        "pk",
        "region__code",
        "region__name",
        "subregion__code",
        "subregion__name",
        *(name for name, _ in membership),
    )
    for pk, r_code, r_name, s_code, s_name, *flags in countries:
        n = per_country[pk]
        if r_code:
            regions[r_code, r_name] = regions.get((r_code, r_name), 0) + n
        if s_code:
            subregions[s_code, s_name] = subregions.get((s_code, s_name), 0) + n
        for group, flag, (_, value) in zip(groups, flags, membership, strict=True):
            groups[group] += n if flag == value else 0

    def ranked(counts: dict) -> list[tuple[str, str, int]]:
        return sorted(
            ((c, name, n) for (c, name), n in counts.items()), key=lambda r: -r[2]
        )

    return {
        "regions": ranked(regions),
        "subregions": ranked(subregions),
        "groups": [(group, group, n) for group, n in groups.items()],
    }


def data_version(model: type) -> str:
    """Changes whenever a record of `model` is written: a key for cached counts.

    One MAX over an indexed column, which both databases read off the index.
    """
    return str(model.objects.aggregate(at=Max("updated_at"))["at"])


def page_of(
    queryset: QuerySet,
    number: int | str | None,
    *,
    size: int = 20,
    count: int | None = None,
):
    """One page of a list; `count`, when the caller knows it, spares a COUNT."""
    return KeysFirstPaginator(queryset, size, count=count).get_page(number)


# What a user may submit for -----------------------------------------------------


def request_countries(user: Actor):
    if directory.is_secretariat(user):
        return Country.objects.all()
    return Country.objects.filter(
        Q(pk__in=directory.focal_point_country_ids(user))
        | Q(organizations__in=directory.member_organization_ids(user))
    ).distinct()


def request_organizations(user: Actor):
    if directory.is_secretariat(user):
        return Organization.objects.select_related("country")
    return Organization.objects.filter(
        Q(pk__in=directory.member_organization_ids(user))
        | Q(country_id__in=directory.focal_point_country_ids(user))
    ).select_related("country")


def listing_organizations(user: Actor):
    if directory.is_secretariat(user):
        return Organization.objects.select_related("country")
    return Organization.objects.filter(
        pk__in=directory.member_organization_ids(user)
    ).select_related("country")


def offer_countries(user: Actor):
    if directory.is_secretariat(user):
        return Country.objects.all()
    return Country.objects.filter(pk__in=directory.focal_point_country_ids(user))


# Work queues and my work --------------------------------------------------------


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
