"""Shapes of the API that every app shares, and those of the directory.

Request bodies are strict: unknown fields, over-long text and NUL characters are
refused with the field named. Codes of the reference data (ISO 3166 alpha-3,
M49, GBF target numbers, taxonomy codes) are resolved to objects here, in one
place, so that every endpoint reports an unknown code the same way.
"""

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from pydantic import ConfigDict, create_model, field_validator
from pydantic.fields import FieldInfo

from mutua.core.errors import ValidationError
from mutua.core.pages import KeysFirstPaginator

from .models import Country, Organization, Region
from .selectors import COUNTRY_GROUPS

# Errors ----------------------------------------------------------------------


class ErrorOut(Schema):
    field: str | None = Field(
        ..., description="The input at fault (dotted for nested items), or null."
    )
    message: str


class ErrorsOut(Schema):
    """The one error format of the API."""

    errors: list[ErrorOut]


def error_responses(
    *, body: bool = False, conflict: bool = False
) -> dict[int, type[Schema]]:
    """The error statuses an operation declares.

    400 is a body that is not JSON; 409 a move the record's status does not allow,
    or a value another record already holds.
    """
    codes = [401, 403, 404, 422]
    if body:
        codes.append(400)
    if conflict:
        codes.append(409)
    return {code: ErrorsOut for code in sorted(codes)}


# Inputs ----------------------------------------------------------------------


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class StrictIn(Schema):
    """An input: unknown fields are errors, text is trimmed, NUL is refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it on every database.
        if _has_nul(value):
            raise ValueError("Text may not contain NUL characters.")
        return value


class QueryIn(StrictIn):
    """Query parameters: unknown parameters are ignored, bad values are errors."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def patch_of(schema: type[StrictIn], name: str) -> type[StrictIn]:
    """The same fields, each optional; an explicit null stays an error where refused."""
    fields = {
        field: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
        for field, info in schema.model_fields.items()
    }
    return create_model(name, __base__=schema, **fields)


def patch_fields(payload: StrictIn) -> dict[str, Any]:
    """Only the fields the client sent."""
    return payload.model_dump(exclude_unset=True)


Iso3 = Annotated[str, Field(min_length=3, max_length=3, examples=["MWI"])]
M49 = Annotated[str, Field(min_length=3, max_length=3, examples=["014"])]
Code = Annotated[str, Field(min_length=1, max_length=40)]
# The Kunming-Montreal framework has 23 targets, numbered 1 to 23.
TargetNumber = Annotated[int, Field(ge=1, le=23, examples=[4])]
Group = Literal[tuple(COUNTRY_GROUPS)]


# Pages -----------------------------------------------------------------------

MAX_PAGE_SIZE = 100


class PageIn(QueryIn):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class PageNotFound(Http404):
    """A page past the last of a list."""


def page_of(
    queryset: QuerySet, query: PageIn, *, count: int | None = None
) -> dict[str, Any]:
    """One page of a list as {"count", "page", "pages", "items"}.

    `count`, when the caller knows it, spares a COUNT. A page past the last is a
    well-formed question about a page that does not exist: 404, naming `page`.
    """
    paginator = KeysFirstPaginator(queryset, query.page_size, count=count)
    if query.page > paginator.num_pages:
        raise PageNotFound(
            f"There are {paginator.num_pages} pages; ask for one of them."
        )
    return {
        "count": paginator.count,
        "page": query.page,
        "pages": paginator.num_pages,
        "items": list(paginator.page(query.page).object_list),
    }


def page_url(request: HttpRequest, obj: Model) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def utc(moment: dt.datetime) -> dt.datetime:
    """A client's time; one without a zone is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


# Codes of the reference data -------------------------------------------------


def _unknown(field: str, codes: list) -> ValidationError:
    label = "Unknown code" if len(codes) == 1 else "Unknown codes"
    return ValidationError({field: f"{label}: {', '.join(map(str, codes))}."})


def resolve_codes(
    model: type[Model], codes: list, *, field: str, key: str = "code"
) -> list:
    """The objects with these codes, in order, or a 422 naming the unknown codes."""
    if key == "iso3":
        codes = [code.upper() for code in codes]
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        return []
    found = {
        getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": wanted})
    }
    missing = [code for code in wanted if code not in found]
    if missing:
        raise _unknown(field, missing)
    return [found[code] for code in wanted]


def resolve_code(model: type[Model], code: str, *, field: str, key: str = "code"):
    return resolve_codes(model, [code], field=field, key=key)[0]


def resolve_organization(uuid: UUID, *, field: str = "organization") -> Organization:
    organization = (
        Organization.objects.select_related("country").filter(uuid=uuid).first()
    )
    if organization is None:
        raise ValidationError({field: f"Unknown organization: {uuid}."})
    return organization


# Reference data --------------------------------------------------------------


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    region: str | None = Field(..., description="M49 code of the region.")
    subregion: str | None
    intermediate_region: str | None
    groups: list[str] = Field(..., description="LDC, LLDC, SIDS and/or developing.")
    is_economy_in_transition: bool
    development_group: str
    is_party: bool

    @staticmethod
    def resolve_region(obj: Country) -> str | None:
        return obj.region.code if obj.region else None

    @staticmethod
    def resolve_subregion(obj: Country) -> str | None:
        return obj.subregion.code if obj.subregion else None

    @staticmethod
    def resolve_intermediate_region(obj: Country) -> str | None:
        return obj.intermediate_region.code if obj.intermediate_region else None


class CountryQuery(QueryIn):
    region: M49 | None = Field(
        None, description="M49 code of a region, subregion or intermediate region."
    )
    group: Group | None = None


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None = Field(..., description="M49 code of the enclosing region.")

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent.code if obj.parent else None


class GoalOut(Schema):
    code: str
    title: str
    short_title: str
    text: str


class TargetOut(Schema):
    number: int
    title: str
    short_title: str
    text: str


class GbfOut(Schema):
    goals: list[GoalOut]
    targets: list[TargetOut]


class TermOut(Schema):
    code: str
    name: str


# Organizations ---------------------------------------------------------------

OrganizationType = Literal[tuple(Organization.Type.values)]


class OrganizationFields(StrictIn):
    name: str = Field(..., min_length=1, max_length=200)
    country: Iso3
    type: OrganizationType
    website: str = Field("", max_length=200, examples=["https://example.org"])
    description: str = Field("", max_length=5000)


class OrganizationCreate(OrganizationFields):
    uuid: UUID | None = Field(
        None, description="A client-generated id; sending it again is harmless."
    )


OrganizationPatch = patch_of(OrganizationFields, "OrganizationPatch")


class OrganizationOut(Schema):
    uuid: UUID
    page_url: str = Field(..., description="The organization's page on the site.")
    name: str
    country: str = Field(..., description="ISO 3166-1 alpha-3.")
    country_name: str
    type: str
    website: str
    description: str
    verified: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    home_instance: str

    @staticmethod
    def resolve_page_url(obj: Organization, context) -> str:
        return page_url(context["request"], obj)

    @staticmethod
    def resolve_country(obj: Organization) -> str:
        return obj.country.iso3

    @staticmethod
    def resolve_country_name(obj: Organization) -> str:
        return obj.country.name


class OrganizationQuery(PageIn):
    q: str = Field("", max_length=200, description="Full-text search.")
    type: list[OrganizationType] = Field([], description="Repeatable.")
    country: Iso3 | None = Field(None, description="ISO 3166-1 alpha-3.")
    region: list[M49] = Field([], description="M49 code (repeatable).")
    group: list[Group] = Field([], description="Country group (repeatable).")


class OrganizationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[OrganizationOut]
