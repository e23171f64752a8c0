"""Shapes of requests in the API."""

import datetime as dt
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema

from mutua.core.schemas import REASON_GIVEN
from mutua.core.schemas import Date
from mutua.core.schemas import StrictIn
from mutua.core.schemas import patch_of
from mutua.core.schemas import required_when
from mutua.directory.schemas import Iso3

from .. import access
from ..lifecycle import REQUEST_ACTIONS
from ..models import Request
from .shared import IPLC_QUESTION
from .shared import Amount
from .shared import BeneficiaryCode
from .shared import ClientId
from .shared import ContactFields
from .shared import Currency
from .shared import IplcAnswer
from .shared import RecordOut
from .shared import RequiredText
from .shared import Resources
from .shared import Text
from .shared import codes_of


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


class RequestTransitionIn(StrictIn):
    action: Literal[tuple(REQUEST_ACTIONS)]
    reason: str = Field("", max_length=2000)

    model_config = required_when(
        "action",
        [name for name, action in REQUEST_ACTIONS.items() if action.needs_reason],
        reason=REASON_GIVEN,
    )


class RequestOut(RecordOut):
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
        return codes_of(obj.resources)

    @staticmethod
    def resolve_possible_duplicates(obj, context) -> list[UUID]:
        if access.may_see_duplicates(context["request"].auth, obj):
            return codes_of(obj.possible_duplicates, "uuid")
        return []


class RequestPage(Schema):
    count: int
    page: int
    pages: int
    items: list[RequestOut]
