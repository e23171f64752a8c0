"""Shapes of the API that every app shares, and those of the directory.

Request bodies are strict: unknown fields, over-long text and NUL characters are
refused with the field named. Codes of the reference data (ISO 3166 alpha-3,
M49, GBF target numbers, taxonomy codes) are resolved to objects here, in one
place, so that every endpoint reports an unknown code the same way.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated
from typing import Any
from typing import Literal
from uuid import UUID

from django.db.models import Model
from django.utils.text import Truncator
from ninja import Field
from ninja import Schema
from pydantic import BeforeValidator

from mutua.core.errors import NotFound
from mutua.core.errors import ValidationError
from mutua.core.schemas import PageIn
from mutua.core.schemas import QueryIn
from mutua.core.schemas import StrictIn
from mutua.core.schemas import WebAddress
from mutua.core.schemas import page_url
from mutua.core.schemas import patch_of
from mutua.core.schemas import said

from . import reference
from .models import Country
from .models import CountryGroup
from .models import Organization
from .models import Region


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
# The Kunming-Montreal framework has 23 targets, numbered 1 to 23.
TargetNumber = Annotated[int, Field(ge=1, le=23, examples=[4])]
Group = Literal[tuple(CountryGroup.values)]


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
