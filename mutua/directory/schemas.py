"""Shapes of the API that every app shares, and those of the directory.

Request bodies are strict: unknown fields, over-long text and NUL characters are
refused with the field named. Codes of the reference data (ISO 3166 alpha-3,
M49, GBF target numbers, taxonomy codes) are resolved to objects here, in one
place, so that every endpoint reports an unknown code the same way.
"""

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.text import Truncator
from ninja import Field, Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
    create_model,
    field_validator,
)
from pydantic.fields import FieldInfo

from mutua.core.errors import NotFound, ValidationError
from mutua.core.pages import KeysFirstPaginator

from . import reference
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

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, use_enum_values=True
    )

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it on every database.
        if _has_nul(value):
            raise ValueError("Text may not contain NUL characters.")
        return value


class QueryIn(StrictIn):
    """Query parameters: unknown parameters are ignored, bad values are errors."""

    model_config = ConfigDict(
        extra="ignore", str_strip_whitespace=True, use_enum_values=True
    )


SEEN = (
    "The values you read of the fields you change. A field whose stored value "
    "is no longer the one you read is refused with 409, and the message shows "
    "the stored value; fields you do not change are ignored. Without it, the "
    "fields are changed as sent."
)


def patch_of(schema: type[StrictIn], name: str) -> type[StrictIn]:
    """The same fields, each optional, and `seen`: the values the client read.

    An explicit null stays an error where refused.
    """
    fields = {
        field: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
        for field, info in schema.model_fields.items()
    }
    seen = create_model(f"{name}Seen", __base__=schema, **fields)
    return create_model(
        name,
        __base__=schema,
        seen=(seen | None, Field(None, description=SEEN)),
        **fields,
    )


def patch_fields(payload: StrictIn) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The fields the client sent, and the values it read of them (or None)."""
    fields = payload.model_dump(exclude_unset=True, exclude={"seen"})
    seen = payload.seen.model_dump(exclude_unset=True) if payload.seen else None
    return fields, seen


def _code_list(name: str, codes: list[str]):
    """Every code the reference data holds, declared in the API description.

    Read from the same shipped files as `mutua load-reference`, so the description
    does not depend on a database, and a client learns the valid codes from it.
    An unknown code is named in the error, not the whole list.
    """
    known = frozenset(codes)

    def check(value: Any) -> Any:
        if not (isinstance(value, str) and value in known):
            raise ValueError(f"Unknown code: {Truncator(str(value)).chars(20)}.")
        return value

    return Annotated[
        StrEnum(name, [(code, code) for code in codes]), BeforeValidator(check)
    ]


Iso3 = Annotated[
    _code_list("CountryCode", reference.country_codes()), Field(examples=["MWI"])
]
M49 = Annotated[
    _code_list("RegionCode", reference.region_codes()), Field(examples=["014"])
]
ModalityCode = _code_list("ModalityCode", reference.term_codes("modalities.csv"))
ResourceCode = _code_list("ResourceCode", reference.term_codes("resource_types.csv"))
LanguageCode = _code_list("LanguageCode", reference.language_codes())
TargetGroupCode = _code_list(
    "TargetGroupCode", reference.term_codes("target_groups.csv")
)
# Text that says something: a character other than the white space trimmed away.
NON_BLANK = (
    "[^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000]"
)


def said(max_length: int):
    """Text that must say something: it is trimmed, so white space alone is empty."""
    return Annotated[
        str,
        Field(
            min_length=1,
            max_length=max_length,
            json_schema_extra={"pattern": NON_BLANK},
        ),
    ]


def required_when(field: str, values: list, **needs: dict) -> ConfigDict:
    """Declare a rule between fields: when `field` takes one of `values`, the
    fields of `needs` must be given, each matching its schema."""
    return ConfigDict(
        json_schema_extra={
            "if": {"required": [field], "properties": {field: {"enum": values}}},
            "then": {"required": list(needs), "properties": needs},
        }
    )


REASON_GIVEN = {"type": "string", "pattern": NON_BLANK}


def one_given(*fields: str) -> ConfigDict:
    """Declare that at least one of these fields must be given (not null)."""
    return ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
                for name in fields
            ]
        }
    )


# A web address of a form that the site's own check (Django's URLValidator)
# always takes: http(s), a host name with a dot, then an optional path.
WEB_ADDRESS = (
    r"^(https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    r"([/?#][!-~]*)?)?$"
)


def _web_address(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(WEB_ADDRESS, value):
        raise ValueError("Enter a web address such as https://example.org.")
    return value


WebAddress = Annotated[
    str,
    BeforeValidator(_web_address),
    Field(
        max_length=200,
        json_schema_extra={"pattern": WEB_ADDRESS},
        examples=["https://example.org"],
    ),
]
# An e-mail address, or none.
Email = Annotated[
    str,
    Field(max_length=254, examples=["contact@example.org"]),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "maxLength": 0},
                {"type": "string", "format": "email", "maxLength": 254},
            ]
        }
    ),
]

# Dates are ISO 8601 text, as the description says: a number is not a date.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?"
)


def _iso(form: re.Pattern, example: str):
    def check(value: Any) -> Any:
        if not isinstance(value, str | dt.date) or (
            isinstance(value, str) and not form.fullmatch(value.strip())
        ):
            raise ValueError(f"Write it in ISO 8601, e.g. {example}.")
        return value

    return BeforeValidator(check)


Date = Annotated[dt.date, _iso(ISO_DATE, "2026-12-31")]
DateTime = Annotated[dt.datetime, _iso(ISO_DATETIME, "2026-12-31T09:30:00Z")]
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
        raise NotFound({field: f"Unknown organization: {uuid}."})
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
    name: said(200)
    country: Iso3
    type: OrganizationType
    website: WebAddress = ""
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
