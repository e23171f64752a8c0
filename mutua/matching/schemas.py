"""API shapes of matching."""

import datetime as dt
from uuid import UUID

from ninja import Field
from ninja import Schema
from pydantic import StrictBool

from mutua.core.schemas import REASON_GIVEN
from mutua.core.schemas import StrictIn
from mutua.core.schemas import required_when

from . import access
from .models import Match


class OfferRef(Schema):
    uuid: UUID
    title: str


class SuggestionOut(Schema):
    rank: int
    offer: OfferRef
    score: float = Field(..., description="The weighted sum of the parts.")
    parts: dict[str, float] = Field(..., description="Each part of the fit, 0 to 1.")
    explanation: str = Field(..., description="Why, in the language asked for.")


class MatchOut(Schema):
    uuid: UUID
    request: UUID
    offer: UUID
    origin: str
    status: str
    requester_decision: str
    provider_decision: str
    decline_reason: str | None = Field(
        ...,
        description="Why a side declined. Null for callers who are neither side, "
        "nor the request's coordinators, nor the secretariat.",
    )
    partnership: UUID | None
    created_at: dt.datetime
    answer_by: dt.datetime | None = Field(
        ..., description="Both sides answer by then, or the proposal lapses."
    )

    @staticmethod
    def resolve_request(obj: Match) -> UUID:
        return obj.request.uuid

    @staticmethod
    def resolve_offer(obj: Match) -> UUID:
        return obj.offer.uuid

    @staticmethod
    def resolve_decline_reason(obj: Match, context) -> str | None:
        if access.may_see_match_notes(context["request"].auth, obj):
            return obj.decline_reason
        return None

    @staticmethod
    def resolve_partnership(obj: Match) -> UUID | None:
        return obj.partnership.uuid if obj.partnership else None


class MatchIn(StrictIn):
    request: UUID
    offer: UUID


class AnswerIn(StrictIn):
    accept: StrictBool
    reason: str = Field("", max_length=2000, description="Needed to decline.")

    model_config = required_when("accept", [False], reason=REASON_GIVEN)


class ResponsivenessOut(Schema):
    last_answered_at: dt.datetime | None = Field(
        ..., description="When the provider last answered a proposal."
    )
    asked: int = Field(..., description="Proposals the provider answered or let lapse.")
    answered_in_time: int = Field(..., description="Of those, answered in time.")
    share_in_time: float | None = Field(..., description="Null before any.")

    @staticmethod
    def resolve_answered_in_time(obj) -> int:
        return obj.in_time
