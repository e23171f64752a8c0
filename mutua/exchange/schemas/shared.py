"""Shapes every record of the exchange shares in the API: types, inputs, outputs.

Inputs name reference data by code (ISO alpha-3, M49, GBF target number,
taxonomy codes) and records by uuid; `service_fields` turns them into the
objects the services take.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Annotated
from typing import Any
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema
from pydantic import AfterValidator
from pydantic import BeforeValidator
from pydantic import WithJsonSchema

from mutua.core.errors import NotFound
from mutua.core.errors import ValidationError
from mutua.core.schemas import DateTime
from mutua.core.schemas import Email
from mutua.core.schemas import PageIn
from mutua.core.schemas import StrictIn
from mutua.core.schemas import page_url
from mutua.core.schemas import said
from mutua.directory.models import ELIGIBILITY_GROUPS
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.schemas import M49
from mutua.directory.schemas import Iso3
from mutua.directory.schemas import LanguageCode
from mutua.directory.schemas import ModalityCode
from mutua.directory.schemas import ResourceCode
from mutua.directory.schemas import TargetNumber
from mutua.directory.schemas import resolve_code
from mutua.directory.schemas import resolve_codes
from mutua.directory.schemas import resolve_organization

from .. import access
from ..models import TEXT
from ..models import Beneficiary
from ..models import IplcLands
from ..selectors import LIST_GROUPS

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


def codes_of(manager, key: str = "code") -> list:
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


class RecordOut(Schema):
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
        return codes_of(obj.targets, "number")

    @staticmethod
    def resolve_modalities(obj) -> list[str]:
        return codes_of(obj.modalities)

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return codes_of(obj.languages)
