"""API shapes of calls."""

import datetime as dt
from decimal import Decimal
from typing import Annotated
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema

from mutua.core.schemas import DateTime
from mutua.core.schemas import PageIn
from mutua.core.schemas import StrictIn
from mutua.core.schemas import page_url
from mutua.core.schemas import required_when
from mutua.core.schemas import said
from mutua.directory.schemas import M49
from mutua.exchange.schemas.shared import Amount
from mutua.exchange.schemas.shared import Currency

from . import access
from .models import TEXT
from .models import Call
from .models import CallStep
from .services.calls import MAX_CRITERIA
from .services.calls import MOVES


class CriterionIn(StrictIn):
    name: said(300)
    guidance: str = Field("", max_length=2000)
    weight: int = Field(..., ge=0, le=100)


class CallIn(StrictIn):
    kind: Literal[tuple(Call.Kind.values)]
    region: M49 | None = Field(None, description="Region or subregion; null: global.")
    title: said(200)
    description: said(TEXT)
    opens_at: DateTime = Field(..., description="A time without a zone is UTC.")
    closes_at: DateTime
    scale: int = Field(10, ge=1, le=100, description="Each criterion scored 0 to this.")
    shortlist_size: int = Field(3, ge=1, le=50)
    criteria: Annotated[list[CriterionIn], Field(min_length=1, max_length=MAX_CRITERIA)]
    budget: Amount | None = Field(None, description="Seed grants: the whole budget.")
    currency: Currency = ""
    grant_cap: Amount | None = Field(None, description="Seed grants: most per grant.")
    approval_threshold: int | None = Field(
        None, ge=0, le=100, description="Seed grants: lowest weighted score out of 100."
    )
    needs_two_countries: bool = True
    needs_platform_partnership: bool = True

    model_config = required_when(
        "kind",
        ["grant"],
        budget={"not": {"type": "null"}},
        currency={"minLength": 3},
        grant_cap={"not": {"type": "null"}},
        approval_threshold={"not": {"type": "null"}},
    )


class CallPatch(StrictIn):
    """What changes on an open call; a draft takes the fields of CallIn."""

    description: said(TEXT) | None = None
    closes_at: DateTime | None = None


class CallMoveIn(StrictIn):
    action: Literal[tuple(MOVES)]
    reason: str = Field("", max_length=2000)


class CallQuery(PageIn):
    q: str = Field("", max_length=200, description="Full-text search.")
    kind: Literal[tuple(Call.Kind.values)] | None = None
    status: Literal[tuple(Call.Status.values)] | None = None
    region: M49 | None = Field(None, description="Calls of this region or within it.")


class CriterionOut(Schema):
    position: int = Field(..., description="How applications name it.")
    name: str
    guidance: str
    weight: int


class CallOut(Schema):
    uuid: UUID
    kind: str
    region: str | None = Field(..., description="M49 code; null for a global call.")
    scope: str
    title: str
    description: str
    status: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    scale: int
    shortlist_size: int
    criteria: list[CriterionOut]
    budget: Decimal | None
    currency: str
    grant_cap: Decimal | None
    approval_threshold: int | None
    needs_two_countries: bool
    needs_platform_partnership: bool
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_region(obj: Call) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_criteria(obj: Call) -> list:
        return list(obj.criteria.all())


class CallPage(Schema):
    count: int
    page: int
    pages: int
    items: list[CallOut]


class CallStepOut(Schema):
    action: str
    from_status: str
    to_status: str
    at: dt.datetime
    by: str | None = Field(
        ...,
        description="Who took the step. Null for the system, and for callers who "
        "do not run the call.",
    )
    reason: str | None = Field(
        ..., description="Why. Null for callers who do not run the call."
    )

    @staticmethod
    def resolve_by(obj: CallStep, context) -> str | None:
        if obj.by is None or not access.may_run_call(context["request"].auth, obj.call):
            return None
        return obj.by.username

    @staticmethod
    def resolve_reason(obj: CallStep, context) -> str | None:
        if not access.may_run_call(context["request"].auth, obj.call):
            return None
        return obj.reason


# Applications ---------------------------------------------------------------------


class CriterionAnswerIn(StrictIn):
    criterion: int = Field(..., ge=1, le=MAX_CRITERIA, description="Its position.")
    text: str = Field(..., max_length=5000)


Answers = Annotated[list[CriterionAnswerIn], Field(max_length=MAX_CRITERIA)]


class ApplicationIn(StrictIn):
    organization: UUID = Field(..., description="One of the caller's organizations.")
    region: M49 | None = Field(
        None, description="The region or subregion it would serve; null: the call's."
    )
    title: said(200)
    summary: said(TEXT) = Field(..., description="The expression of interest.")
    amount: Amount | None = Field(None, description="Seed grants: the sum asked.")
    partnership: UUID | None = Field(
        None, description="Seed grants: the partnership whose partners apply."
    )
    answers: Answers = []


class ApplicationPatch(StrictIn):
    region: M49 | None = None
    title: said(200) | None = None
    summary: said(TEXT) | None = None
    amount: Amount | None = None
    partnership: UUID | None = None
    answers: Answers | None = Field(
        None, description="Every answer, replacing those held."
    )


class ApplicationMoveIn(StrictIn):
    action: Literal["submit", "withdraw"]


class CriterionAnswerOut(Schema):
    criterion: int
    text: str

    @staticmethod
    def resolve_criterion(obj) -> int:
        return obj.criterion.position


class DocumentOut(Schema):
    uuid: UUID
    name: str
    kind: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj, context) -> str:
        return page_url(context["request"], obj)


class OfOrganization(Schema):
    """What a shape says of the organization that applied."""

    organization: UUID
    organization_name: str

    @staticmethod
    def resolve_organization(obj) -> UUID:
        return obj.organization.uuid

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name


class ApplicationOut(OfOrganization):
    uuid: UUID
    call: UUID
    region: str | None = Field(..., description="M49 code; null: global.")
    scope: str
    title: str
    summary: str
    amount: Decimal | None
    partnership: UUID | None
    status: str
    submitted_at: dt.datetime | None
    answers: list[CriterionAnswerOut]
    documents: list[DocumentOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_call(obj) -> UUID:
        return obj.call.uuid

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_partnership(obj) -> UUID | None:
        return obj.partnership.uuid if obj.partnership_id else None

    @staticmethod
    def resolve_answers(obj) -> list:
        return list(obj.answers.all())

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())


class ApplicationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ApplicationOut]


# Questions ----------------------------------------------------------------------


class QuestionIn(StrictIn):
    text: said(2000)


class QuestionOut(Schema):
    uuid: UUID
    question: str = Field(..., description="As published, without the asker's name.")
    answer: str
    published_at: dt.datetime

    @staticmethod
    def resolve_question(obj) -> str:
        return obj.published_text


class AskedOut(Schema):
    uuid: UUID
    text: str = Field(..., description="The question as the caller asked it.")
    answered: bool

    @staticmethod
    def resolve_answered(obj) -> bool:
        return obj.published_at is not None


# The shortlist ------------------------------------------------------------------


class StandingOut(OfOrganization):
    uuid: UUID
    title: str
    rank: int
    total: float = Field(..., description="The assessors' mean weighted total of 100.")
    outcome: str


class ShortlistOut(Schema):
    scope: str
    applications: list[StandingOut]


# Selections -------------------------------------------------------------------


class PledgeOut(Schema):
    donor: UUID
    donor_name: str
    amount: Decimal | None
    currency: str

    @staticmethod
    def resolve_donor(obj) -> UUID:
        return obj.donor.uuid

    @staticmethod
    def resolve_donor_name(obj) -> str:
        return obj.donor.name


class SelectionOut(Schema):
    uuid: UUID
    application: UUID
    organization: UUID
    organization_name: str
    scope: str
    status: str
    justification: str
    consulted_input: str
    acceptance_due: dt.date
    agreement_due: dt.date
    agreement_signed_on: dt.date | None
    pledges: list[PledgeOut]

    @staticmethod
    def resolve_application(obj) -> UUID:
        return obj.application.uuid

    @staticmethod
    def resolve_organization(obj) -> UUID:
        return obj.application.organization.uuid

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.application.organization.name

    @staticmethod
    def resolve_scope(obj) -> str:
        return obj.application.scope

    @staticmethod
    def resolve_pledges(obj) -> list:
        return list(obj.pledges.all())
