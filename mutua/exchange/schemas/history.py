"""Shapes of a record's history in the API."""

import datetime as dt

from ninja import Field
from ninja import Schema

from .. import access
from ..lifecycle import step_label
from ..models import Transition


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
