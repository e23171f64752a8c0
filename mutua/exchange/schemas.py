"""Shapes of requests, offers and opportunities in the API.

Inputs name reference data by code (ISO alpha-3, M49, GBF target number,
taxonomy codes) and records by uuid; `service_fields` turns them into the
objects the services take.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, StrictBool, WithJsonSchema

from mutua.core.errors import NotFound, ValidationError
from mutua.core.schemas import (
    REASON_GIVEN,
    Date,
    DateTime,
    Email,
    PageIn,
    StrictIn,
    WebAddress,
    one_given,
    page_url,
    patch_of,
    required_when,
    said,
)
from mutua.directory.models import (
    ELIGIBILITY_GROUPS,
    Country,
    GbfTarget,
    Language,
    Modality,
    Region,
    ResourceType,
)
from mutua.directory.schemas import (
    M49,
    Iso3,
    LanguageCode,
    ModalityCode,
    ResourceCode,
    TargetNumber,
    resolve_code,
    resolve_codes,
    resolve_organization,
)

from . import access
from .lifecycle import LISTING_ACTIONS, REQUEST_ACTIONS, step_label
from .models import TEXT, Beneficiary, IplcLands, Request, Transition
from .selectors import LIST_GROUPS

Title = said(200)
Text = Annotated[str, Field(max_length=TEXT)]
RequiredText = said(TEXT)
Name = Annotated[str, Field(max_length=150)]
Currency = Annotated[
    str, Field(pattern=r"^([A-Z]{3})?$", description="ISO 4217 code, e.g. USD.")
]
# An amount is a number, or its digits as text; it is kept to the cent.
AMOUNT_TEXT = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
MAX_AMOUNT = Decimal("999999999999.99")
CENT = Decimal("0.01")


def _amount_given(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("Give the amount as a number, e.g. 1500.50.")
    if isinstance(value, str) and not re.fullmatch(AMOUNT_TEXT, value):
        raise ValueError("Write the amount in digits, e.g. 1500.50.")
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(_amount_given),
    Field(ge=0, le=MAX_AMOUNT),
    AfterValidator(lambda amount: amount.quantize(CENT, rounding=ROUND_HALF_UP)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": float(MAX_AMOUNT)},
                {"type": "string", "pattern": AMOUNT_TEXT},
            ],
            "description": "Rounded to the cent.",
        }
    ),
]
Modalities = Annotated[list[ModalityCode], Field(max_length=100)]
Resources = Annotated[list[ResourceCode], Field(max_length=100)]
Targets = Annotated[
    list[TargetNumber], Field(max_length=100, description="GBF target numbers.")
]
BeneficiaryCode = Literal[tuple(Beneficiary.values)]
GroupCode = Literal[tuple(g.value for g in ELIGIBILITY_GROUPS)]
IplcAnswer = Literal[tuple(IplcLands.values)]
IPLC_QUESTION = (
    "The Akwé: Kon question: does the request touch sacred sites or lands and "
    "waters traditionally occupied by indigenous peoples and local communities? "
    "null while unanswered, which only a draft may be."
)
ClientId = Annotated[
    UUID | None,
    Field(description="A client-generated id: sending the record again is harmless."),
]


# Reference codes --------------------------------------------------------------

# Fields that name reference data by code: the model and the code's attribute.
CODED = {
    "targets": (GbfTarget, "number"),
    "modalities": (Modality, "code"),
    "resources": (ResourceType, "code"),
    "languages": (Language, "code"),
    "serves_regions": (Region, "code"),
    "serves_countries": (Country, "iso3"),
}


def service_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as the services take them; every unknown code is reported at once."""
    fields = dict(fields)
    errors: dict[str, list[str]] = {}
    kinds: set[type[ValidationError]] = set()
    for name, value in list(fields.items()):
        try:
            if name in CODED:
                model, key = CODED[name]
                fields[name] = resolve_codes(model, value, field=name, key=key)
            elif name == "country" and value is not None:
                fields[name] = resolve_code(Country, value, field=name, key="iso3")
            elif name == "organization" and value is not None:
                fields[name] = resolve_organization(value)
            elif name == "touches_iplc_lands" and value is None:
                fields[name] = ""
        except ValidationError as exc:
            kinds.add(type(exc))
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        # Only unknown records: 404; any invalid code among them: 422.
        raise (NotFound if kinds == {NotFound} else ValidationError)(errors)
    return fields


# Inputs ----------------------------------------------------------------------


class ContactFields(StrictIn):
    title: Title
    contact_name: Name = ""
    contact_email: Email = ""
    targets: Targets = []
    modalities: Modalities = []
    languages: list[LanguageCode] = Field(
        [], max_length=100, description="ISO 639-1 codes."
    )


class RequestFields(ContactFields):
    challenge: RequiredText = Field(..., description="The biodiversity challenge.")
    barriers: Text = ""
    assistance_sought: Text = ""
    national_priorities: Text = ""
    thematic_areas: str = Field("", max_length=300)
    resources: Resources = []
    level: Literal[tuple(Request.Level.values)] = "national"
    beneficiaries: list[BeneficiaryCode] = []
    beneficiaries_detail: Text = ""
    other_governments: Text = ""
    existing_initiatives: Text = ""
    other_programmes: Text = ""
    objectives: Text = ""
    activities: Text = ""
    expected_outputs: Text = ""
    expected_outcomes: Text = ""
    indicators: Text = ""
    co_financing: Text = ""
    budget_amount: Amount | None = None
    budget_currency: Currency = ""
    start_date: Date | None = None
    end_date: Date | None = None
    touches_iplc_lands: IplcAnswer | None = Field(None, description=IPLC_QUESTION)


class RequestCreate(RequestFields):
    uuid: ClientId = None
    country: Iso3 = Field(..., description="The requesting country.")
    organization: UUID | None = Field(
        None, description="The requesting organization, of that country."
    )


RequestPatch = patch_of(RequestFields, "RequestPatch")


class OfferFields(ContactFields):
    description: RequiredText
    track_record: Text = ""
    resources: Resources = []
    serves_everywhere: StrictBool = True
    serves_regions: Annotated[list[M49], Field(max_length=100)] = []
    serves_countries: Annotated[list[Iso3], Field(max_length=300)] = []
    serves_as: Literal["preference", "limit"] = Field(
        "preference",
        description=(
            "Whether the regions and countries served are a limit (requests from "
            "elsewhere are never suggested) or a preference (they rank lower)."
        ),
    )
    eligibility: list[GroupCode] = []
    capacity: int = Field(1, ge=1, le=1000, description="Engagements at once.")
    funding: Text = ""
    covers_operational_costs: StrictBool = False
    valid_from: Date | None = None
    valid_until: Date


class OfferCreate(OfferFields):
    uuid: ClientId = None
    organization: UUID | None = Field(None, description="The providing organization.")
    country: Iso3 | None = Field(
        None, description="The providing country; defaults to the organization's."
    )

    model_config = one_given("organization", "country")


OfferPatch = patch_of(OfferFields, "OfferPatch")


class OpportunityFields(ContactFields):
    description: RequiredText
    eligibility: list[GroupCode] = []
    eligibility_detail: Text = ""
    how_to_apply: RequiredText
    url: WebAddress = ""
    deadline: Date
    start_date: Date | None = None
    end_date: Date | None = None
    beneficiaries: list[BeneficiaryCode] = []
    amount: Amount | None = None
    currency: Currency = ""


class OpportunityCreate(OpportunityFields):
    uuid: ClientId = None
    organization: UUID = Field(..., description="The funding organization.")


OpportunityPatch = patch_of(OpportunityFields, "OpportunityPatch")


class RequestTransitionIn(StrictIn):
    action: Literal[tuple(REQUEST_ACTIONS)]
    reason: str = Field("", max_length=2000)

    model_config = required_when(
        "action",
        [name for name, action in REQUEST_ACTIONS.items() if action.needs_reason],
        reason=REASON_GIVEN,
    )


class ListingTransitionIn(StrictIn):
    action: Literal[tuple(a for a in LISTING_ACTIONS if a != "expire")]
    reason: str = Field("", max_length=2000)
    valid_until: Date | None = Field(None, description="The new end, to renew.")

    model_config = required_when(
        "action", ["renew"], valid_until={"type": "string", "format": "date"}
    )


class ListQuery(PageIn):
    q: str = Field("", max_length=200, description="Full-text search.")
    target: list[TargetNumber] = Field([], description="GBF target (repeatable).")
    modality: list[ModalityCode] = Field([], description="Repeatable.")
    resource: list[ResourceCode] = Field([], description="Repeatable.")
    language: list[LanguageCode] = Field([], description="ISO 639-1 (repeatable).")
    region: list[M49] = Field([], description="M49 code (repeatable).")
    country: list[Iso3] = Field([], description="ISO alpha-3 (repeatable).")
    group: list[Literal[tuple(g.value for g in LIST_GROUPS)]] = Field(
        [], description="Repeatable."
    )
    updated_since: DateTime | None = Field(
        None,
        description="Only records changed at or after this time, oldest change "
        "first: the change feed. A time without a zone is UTC.",
    )


# Outputs ---------------------------------------------------------------------


def _codes(manager, key: str = "code") -> list:
    return [getattr(obj, key) for obj in manager.all()]


def _contact(obj, context, name: str) -> str | None:
    """A contact detail, or None for a caller who may not see it."""
    if access.may_see_contact(context["request"].auth, obj):
        return getattr(obj, name)
    return None


WITHHELD_CONTACT = (
    "Null for callers who are not signed in (no token, no session): a contact "
    "is never public. Empty when none is given."
)


class ListingOut(Schema):
    uuid: UUID
    page_url: str = Field(..., description="The record's page on the site.")
    status: str
    title: str
    contact_name: str | None = Field(..., description=WITHHELD_CONTACT)
    contact_email: str | None = Field(..., description=WITHHELD_CONTACT)
    targets: list[int]
    modalities: list[str]
    languages: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime
    status_changed_at: dt.datetime | None
    published_at: dt.datetime | None
    home_instance: str

    @staticmethod
    def resolve_page_url(obj, context) -> str:
        return page_url(context["request"], obj)

    @staticmethod
    def resolve_contact_name(obj, context) -> str | None:
        return _contact(obj, context, "contact_name")

    @staticmethod
    def resolve_contact_email(obj, context) -> str | None:
        return _contact(obj, context, "contact_email")

    @staticmethod
    def resolve_targets(obj) -> list[int]:
        return _codes(obj.targets, "number")

    @staticmethod
    def resolve_modalities(obj) -> list[str]:
        return _codes(obj.modalities)

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return _codes(obj.languages)


class RequestOut(ListingOut):
    country: str = Field(..., description="ISO 3166-1 alpha-3.")
    country_name: str
    organization: UUID | None
    organization_name: str | None
    challenge: str
    barriers: str
    assistance_sought: str
    national_priorities: str
    thematic_areas: str
    resources: list[str]
    level: str
    beneficiaries: list[str]
    beneficiaries_detail: str
    other_governments: str
    existing_initiatives: str
    other_programmes: str
    objectives: str
    activities: str
    expected_outputs: str
    expected_outcomes: str
    indicators: str
    co_financing: str
    budget_amount: Decimal | None
    budget_currency: str
    start_date: dt.date | None
    end_date: dt.date | None
    touches_iplc_lands: IplcAnswer | None = Field(..., description=IPLC_QUESTION)
    endorsed_at: dt.datetime | None
    possible_duplicates: list[UUID] = Field(
        ..., description="Similar open requests; shown to owners and reviewers."
    )

    @staticmethod
    def resolve_touches_iplc_lands(obj) -> str | None:
        return obj.touches_iplc_lands or None

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country.iso3

    @staticmethod
    def resolve_country_name(obj) -> str:
        return obj.country.name

    @staticmethod
    def resolve_organization(obj) -> UUID | None:
        return obj.organization.uuid if obj.organization else None

    @staticmethod
    def resolve_organization_name(obj) -> str | None:
        return obj.organization.name if obj.organization else None

    @staticmethod
    def resolve_resources(obj) -> list[str]:
        return _codes(obj.resources)

    @staticmethod
    def resolve_possible_duplicates(obj, context) -> list[UUID]:
        if access.may_see_duplicates(context["request"].auth, obj):
            return _codes(obj.possible_duplicates, "uuid")
        return []


class OfferOut(ListingOut):
    organization: UUID | None
    organization_name: str | None
    country: str = Field(..., description="The provider's country, ISO alpha-3.")
    country_name: str
    description: str
    track_record: str
    resources: list[str]
    serves_everywhere: bool
    serves_regions: list[str]
    serves_countries: list[str]
    serves_as: str
    eligibility: list[str]
    capacity: int
    places_left: int = Field(
        ..., description="Engagements not yet taken by an active partnership."
    )
    funding: str
    covers_operational_costs: bool
    valid_from: dt.date | None
    valid_until: dt.date

    resolve_organization = staticmethod(RequestOut.resolve_organization)
    resolve_organization_name = staticmethod(RequestOut.resolve_organization_name)
    resolve_country = staticmethod(RequestOut.resolve_country)
    resolve_country_name = staticmethod(RequestOut.resolve_country_name)
    resolve_resources = staticmethod(RequestOut.resolve_resources)

    @staticmethod
    def resolve_serves_regions(obj) -> list[str]:
        return _codes(obj.serves_regions)

    @staticmethod
    def resolve_serves_countries(obj) -> list[str]:
        return _codes(obj.serves_countries, "iso3")

    @staticmethod
    def resolve_places_left(obj) -> int:
        return obj.places_left()


class OpportunityOut(ListingOut):
    organization: UUID
    organization_name: str
    country: str = Field(..., description="The funder's country, ISO alpha-3.")
    description: str
    eligibility: list[str]
    eligibility_detail: str
    how_to_apply: str
    url: str = Field(..., description="Where to apply.")
    deadline: dt.date
    start_date: dt.date | None
    end_date: dt.date | None
    beneficiaries: list[str]
    amount: Decimal | None
    currency: str

    resolve_organization = staticmethod(RequestOut.resolve_organization)
    resolve_organization_name = staticmethod(RequestOut.resolve_organization_name)

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.organization.country.iso3


def _involved(obj: Transition, context) -> bool:
    """Whether the caller may see who took the steps of this record, and why."""
    record = obj.request or obj.offer or obj.opportunity
    return access.may_see_history_details(context["request"].auth, record)


class TransitionOut(Schema):
    action: str = Field(..., description="The step's code.")
    label: str = Field(..., description="The step, in the caller's language.")
    from_status: str
    to_status: str
    at: dt.datetime
    by: str | None = Field(
        ...,
        description="Who took the step. Null for the system, and for callers not "
        "involved in the record (its owners, its reviewers, the secretariat).",
    )
    reason: str | None = Field(
        ...,
        description="Why, as its author wrote it. Null for callers not involved "
        "in the record; empty when none was given.",
    )

    @staticmethod
    def resolve_label(obj: Transition) -> str:
        return step_label(obj.action)

    @staticmethod
    def resolve_reason(obj: Transition, context) -> str | None:
        return obj.reason if _involved(obj, context) else None

    @staticmethod
    def resolve_by(obj: Transition, context) -> str | None:
        user = obj.by
        if user is None or not _involved(obj, context):
            return None
        profile = getattr(user, "profile", None)
        return (
            (profile.display_name if profile else "")
            or user.get_full_name()
            or user.username
        )


class RequestPage(Schema):
    count: int
    page: int
    pages: int
    items: list[RequestOut]


class OfferPage(Schema):
    count: int
    page: int
    pages: int
    items: list[OfferOut]


class OpportunityPage(Schema):
    count: int
    page: int
    pages: int
    items: list[OpportunityOut]
