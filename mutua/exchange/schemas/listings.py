"""Shapes of listings (offers and opportunities) in the API."""

import datetime as dt
from decimal import Decimal
from typing import Annotated
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema
from pydantic import StrictBool

from mutua.core.schemas import Date
from mutua.core.schemas import StrictIn
from mutua.core.schemas import WebAddress
from mutua.core.schemas import one_given
from mutua.core.schemas import patch_of
from mutua.core.schemas import required_when
from mutua.directory.schemas import M49
from mutua.directory.schemas import Iso3

from ..lifecycle import LISTING_ACTIONS
from .requests import RequestOut
from .shared import Amount
from .shared import BeneficiaryCode
from .shared import ClientId
from .shared import ContactFields
from .shared import Currency
from .shared import GroupCode
from .shared import RecordOut
from .shared import RequiredText
from .shared import Resources
from .shared import Text
from .shared import codes_of


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


class ListingTransitionIn(StrictIn):
    action: Literal[tuple(a for a in LISTING_ACTIONS if a != "expire")]
    reason: str = Field("", max_length=2000)
    valid_until: Date | None = Field(None, description="The new end, to renew.")

    model_config = required_when(
        "action", ["renew"], valid_until={"type": "string", "format": "date"}
    )


class OfferOut(RecordOut):
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
        return codes_of(obj.serves_regions)

    @staticmethod
    def resolve_serves_countries(obj) -> list[str]:
        return codes_of(obj.serves_countries, "iso3")

    @staticmethod
    def resolve_places_left(obj) -> int:
        return obj.places_left()


class OpportunityOut(RecordOut):
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
