"""Reads of the directory: countries, organizations, roles, tokens."""

from dataclasses import dataclass
from dataclasses import field
from itertools import groupby

from django.contrib.auth.models import User
from django.db.models import Case
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.http import Http404

from mutua.core.search import search

from .models import ApiToken
from .models import Country
from .models import CountryGroup
from .models import Language
from .models import Membership
from .models import Organization
from .models import Profile
from .models import Region
from .models import RoleAssignment
from .models import group_condition

# The six official languages of the United Nations, offered to every requester.
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


def _in_regions(codes: list[str], prefix: str = "") -> Q:
    """Countries in any of the M49 regions, subregions or intermediate regions."""
    path = f"{prefix}__" if prefix else ""
    return (
        Q(**{f"{path}region__code__in": codes})
        | Q(**{f"{path}subregion__code__in": codes})
        | Q(**{f"{path}intermediate_region__code__in": codes})
    )


def country_in(region_ids, path: str = "country") -> Q:
    """Records whose country (at `path`) lies in any of the regions, subregions
    or intermediate regions given by id: what a coordinator of them serves."""
    return (
        Q(**{f"{path}__region__in": region_ids})
        | Q(**{f"{path}__subregion__in": region_ids})
        | Q(**{f"{path}__intermediate_region__in": region_ids})
    )


# Countries ----------------------------------------------------------------------


def top_regions() -> QuerySet[Region]:
    return Region.objects.filter(level=Region.Level.REGION).order_by("name")


def region_choices() -> list[tuple[str, str]]:
    """Regions with their subregions and intermediate regions beneath, for a filter."""
    by_parent: dict[int | None, list[Region]] = {}
    for region in Region.objects.order_by("name"):
        by_parent.setdefault(region.parent_id, []).append(region)

    def below(parent_id: int | None, depth: int) -> list[tuple[str, str]]:
        choices = []
        for region in by_parent.get(parent_id, []):
            choices.append((region.code, "– " * depth + region.name))
            choices += below(region.pk, depth + 1)
        return choices

    return below(None, 0)


@dataclass(frozen=True)
class CountryFilters:
    region: str = ""  # an M49 region, subregion or intermediate region code
    group: str = ""  # a CountryGroup


def countries(filters: CountryFilters) -> QuerySet[Country]:
    queryset = Country.objects.select_related("region", "subregion")
    if filters.region:
        queryset = queryset.filter(_in_regions([filters.region]))
    if filters.group in CountryGroup.values:
        queryset = queryset.filter(group_condition(filters.group))
    return queryset.order_by("region__name", "subregion__name", "name")


def countries_by_region(filters: CountryFilters) -> list[tuple[str, list]]:
    """(region name, [(subregion name, [countries])]) in alphabetical order."""
    grouped = []
    rows = countries(filters)
    for region, in_region in groupby(rows, key=lambda c: c.region):
        subregions = [
            (subregion.name if subregion else "", list(members))
            for subregion, members in groupby(in_region, key=lambda c: c.subregion)
        ]
        grouped.append((region.name if region else "", subregions))
    # Areas without a region (Antarctica) sort first in SQLite; list them last.
    grouped.sort(key=lambda item: (item[0] == "", item[0]))
    return grouped


def country_by_iso3(iso3: str) -> Country:
    country = (
        Country.objects.select_related("region", "subregion", "intermediate_region")
        .filter(iso3=iso3.upper())
        .first()
    )
    if country is None:
        raise Http404("No such country.")
    return country


def organizations_of_country(country: Country) -> QuerySet[Organization]:
    return Organization.objects.filter(country=country).order_by("name")


# Organizations ------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationFilters:
    query: str = ""
    types: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # M49 codes
    groups: list[str] = field(default_factory=list)  # CountryGroup values
    country: str = ""  # ISO alpha-3


def organizations(filters: OrganizationFilters) -> QuerySet[Organization]:
    """Organizations matching every filter; the best text matches first."""
    queryset = Organization.objects.all()
    if filters.types:
        queryset = queryset.filter(type__in=filters.types)
    if filters.regions:
        queryset = queryset.filter(_in_regions(filters.regions, "country"))
    for group in filters.groups:
        if group in CountryGroup.values:
            queryset = queryset.filter(group_condition(group, "country__"))
    if filters.country:
        queryset = queryset.filter(country__iso3=filters.country)
    if filters.query.strip():
        return search(queryset, filters.query, rank=True).select_related("country")
    return queryset.select_related("country").order_by("name", "pk")


@dataclass(frozen=True)
class Facet:
    code: str
    label: str
    count: int


def organization_facets(queryset: QuerySet[Organization]) -> dict[str, list[Facet]]:
    """Counts by type, region and country group over a filtered list."""
    base = queryset.order_by()
    labels = dict(Organization.Type.choices)
    types = [
        Facet(row["type"], str(labels.get(row["type"], row["type"])), row["n"])
        for row in base.values("type").annotate(n=Count("pk")).order_by("-n", "type")
    ]
    regions = [
        Facet(row["country__region__code"], row["country__region__name"], row["n"])
        for row in base.filter(country__region__isnull=False)
        .values("country__region__code", "country__region__name")
        .annotate(n=Count("pk"))
        .order_by("country__region__name")
    ]
    totals = base.aggregate(
        **{
            group.value: Count("pk", filter=group_condition(group, "country__"))
            for group in CountryGroup
        }
    )
    groups = [
        Facet(group.value, group.label, totals[group.value])
        for group in CountryGroup
        if totals[group.value]
    ]
    return {"types": types, "regions": regions, "groups": groups}


def members_of(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user__profile")
        .order_by("-is_admin", "user__email")
    )


def people_of(organization: Organization | None) -> QuerySet[User]:
    """The active members of an organization (none for no organization)."""
    if organization is None:
        return User.objects.none().distinct()
    return User.objects.filter(
        membership__organization=organization, is_active=True
    ).distinct()


def focal_points_of(country: Country) -> QuerySet[User]:
    return User.objects.filter(
        roles__role=RoleAssignment.Role.FOCAL_POINT,
        roles__country=country,
        is_active=True,
    ).distinct()


def coordinators_of(country: Country) -> QuerySet[User]:
    """The coordinators of the country's region, subregion or intermediate region."""
    regions = [country.region_id, country.subregion_id, country.intermediate_region_id]
    return User.objects.filter(
        roles__role=RoleAssignment.Role.COORDINATOR,
        roles__region__in=[r for r in regions if r],
        is_active=True,
    ).distinct()


def user_by_email(email: str) -> User | None:
    """The one active account with this e-mail, if there is exactly one."""
    users = list(User.objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    return users[0] if len(users) == 1 else None


# Roles, tokens, profiles --------------------------------------------------------


@dataclass(frozen=True)
class RoleFilters:
    role: str = ""
    query: str = ""  # part of the e-mail, the country or the region


def role_assignments(filters: RoleFilters) -> QuerySet[RoleAssignment]:
    queryset = RoleAssignment.objects.select_related(
        "user", "country", "region", "granted_by"
    )
    if filters.role:
        queryset = queryset.filter(role=filters.role)
    if filters.query.strip():
        text = filters.query.strip()
        queryset = queryset.filter(
            Q(user__email__icontains=text)
            | Q(country__name__icontains=text)
            | Q(country__iso3__iexact=text)
            | Q(region__name__icontains=text)
        )
    return queryset.order_by("role", "country__name", "region__name", "user__email")


def organizations_of_user(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(membership__user=user).order_by("name")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def profile_of(user: User) -> Profile:
    """The user's profile, or an unsaved empty one if they never saved it."""
    return Profile.objects.filter(user=user).first() or Profile(user=user)


def languages_of(profile: Profile) -> list[Language]:
    """The languages a profile lists; none for one never saved."""
    return list(profile.languages.all()) if profile.pk else []


def languages_offered(
    countries: list[Country],
) -> tuple[QuerySet[Language], QuerySet[Language]]:
    """The languages to offer first and the rest, so a long list need not be read.

    First come the countries' own languages, then the six UN languages.
    """
    own_ids = list(
        Country.languages.through.objects.filter(country__in=countries).values_list(
            "language_id", flat=True
        )
    )
    first = Q(pk__in=own_ids) | Q(code__in=UN_LANGUAGES)
    # Without own languages the rank would be a bare constant, which PostgreSQL
    # reads in ORDER BY as a column's position.
    order = (
        [Case(When(pk__in=own_ids, then=Value(0)), default=Value(1)), "name"]
        if own_ids
        else ["name"]
    )
    return (
        Language.objects.filter(first).order_by(*order),
        Language.objects.exclude(first).order_by("name"),
    )
