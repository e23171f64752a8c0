"""Writes of calls: drafting, editing, and moving a call through its lifecycle."""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop

from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.directory.models import Region
from mutua.directory.selectors import people_of
from mutua.notifications.models import Kind
from mutua.notifications.services import notify

from ..access import may_run_call
from ..access import may_run_calls_for
from ..access import runs_calls
from ..models import Application
from ..models import Call
from ..models import CallStep
from ..models import Criterion
from ..models import Selection
from .shortlist import standings_write

HOST_CRITERIA = Path(__file__).parent.parent / "data" / "host_criteria.csv"
MAX_CRITERIA = 12
# What can change once a call is open: applicants answer its criteria and scale.
OPEN_CALL_FIELDS = {"description", "closes_at"}


def default_criteria() -> list[dict]:
    """The four criteria of ¶46, in the reader's language (see `data/README.md`)."""
    language = (get_language() or "en")[:2]
    with HOST_CRITERIA.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return [
        {
            "name": row.get(f"name_{language}") or row["name_en"],
            "guidance": "",
            "weight": int(row["weight"]),
        }
        for row in rows
    ]


def criteria_from(rows: list[dict]) -> list[Criterion]:
    """The criteria as the call will hold them; refused unless they add up."""
    criteria = []
    for position, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        weight = row.get("weight")
        if not name and not weight:
            continue  # a blank row of the form
        if not name:
            raise ValidationError({"criteria": _("Name every criterion.")})
        if not isinstance(weight, int) or not 0 <= weight <= 100:
            raise ValidationError(
                {"criteria": _("Give each criterion a weight from 0 to 100.")}
            )
        criteria.append(
            Criterion(
                position=position,
                name=name,
                guidance=(row.get("guidance") or "").strip(),
                weight=weight,
            )
        )
    if not criteria:
        raise ValidationError({"criteria": _("A call needs at least one criterion.")})
    if len(criteria) > MAX_CRITERIA:
        raise ValidationError(
            {"criteria": _("A call has at most %(n)d criteria.") % {"n": MAX_CRITERIA}}
        )
    if sum(c.weight for c in criteria) == 0:
        raise ValidationError(
            {"criteria": _("At least one criterion needs a weight above zero.")}
        )
    return criteria


def _save(call: Call, criteria: list[Criterion] | None) -> Call:
    # Times to the minute, as the pages show and take them.
    for name in ("opens_at", "closes_at"):
        moment = getattr(call, name)
        if moment is not None:
            setattr(call, name, moment.replace(second=0, microsecond=0))
    call.search_text = call.build_search_text()
    call.full_clean(exclude=["search_text"])
    call.save()
    if criteria is not None:
        call.criteria.all().delete()
        for criterion in criteria:
            criterion.call = call
            criterion.full_clean()
        Criterion.objects.bulk_create(criteria)
    return call


@transaction.atomic
def call_create(
    *, by: User, region: Region | None, criteria: list[dict], **fields
) -> Call:
    """Draft a call; only its authors and the secretariat see it until it opens."""
    if not runs_calls(by):
        raise PermissionDenied(
            _("Only the secretariat, and coordinators for their region, create calls.")
        )
    if not may_run_calls_for(by, region):
        raise ValidationError({"region": _("You do not run calls for this region.")})
    call = Call(region=region, created_by=by, **fields)
    return _save(call, criteria_from(criteria))


@transaction.atomic
def call_update(*, call: Call, by: User, criteria: list[dict] | None = None, **fields):
    """Change a draft; once open, only the description and a later closing time."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not may_run_call(by, call):
        raise PermissionDenied(_("Only those who run this call may change it."))
    if call.status not in (Call.Status.DRAFT, Call.Status.OPEN):
        raise TransitionError(_("A call is changed only while a draft or open."))
    if call.status == Call.Status.OPEN:
        fixed = (set(fields) - OPEN_CALL_FIELDS) | ({"criteria"} if criteria else set())
        if fixed:
            raise ValidationError(
                {
                    name: _("Fixed once the call is open: applicants answer to it.")
                    for name in sorted(fixed)
                }
            )
        closes_at = fields.get("closes_at")
        if closes_at and closes_at < call.closes_at:
            raise ValidationError(
                {"closes_at": _("An open call's closing time can only move later.")}
            )
    region = fields.pop("region", call.region)
    if region != call.region and not may_run_calls_for(by, region):
        raise ValidationError({"region": _("You do not run calls for this region.")})
    call.region = region
    for name, value in fields.items():
        setattr(call, name, value)
    return _save(call, criteria_from(criteria) if criteria is not None else None)


@dataclass(frozen=True)
class Move:
    """A lifecycle action: the statuses it starts from, where it leads, its button."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: str


MOVES = {
    move.name: move
    for move in (
        Move("open", (Call.Status.DRAFT,), Call.Status.OPEN, gettext_lazy("Publish")),
        Move("close", (Call.Status.OPEN,), Call.Status.CLOSED, gettext_lazy("Close")),
        Move(
            "assess",
            (Call.Status.CLOSED,),
            Call.Status.ASSESSMENT,
            gettext_lazy("Start the assessment"),
        ),
        Move(
            "shortlist",
            (Call.Status.ASSESSMENT,),
            Call.Status.SHORTLISTED,
            gettext_lazy("Publish the shortlist"),
        ),
        Move(
            "complete",
            (Call.Status.SELECTED,),
            Call.Status.COMPLETED,
            gettext_lazy("Mark as completed"),
        ),
    )
}


def moves_allowed(user, call: Call, now=None) -> list[Move]:
    """The actions this user may take on the call now, for its buttons."""
    if not may_run_call(user, call):
        return []
    return [m for m in MOVES.values() if not _move_errors(call, m, now)]


def _move_errors(call: Call, move: Move, now=None) -> str:
    now = now or timezone.now()
    if call.status not in move.sources:
        return _("This call is %(status)s.") % {
            "status": call.get_status_display().lower()
        }
    if move.name == "open" and call.closes_at <= now:
        return _("Set a closing time in the future before publishing.")
    if move.name == "close" and now < call.closes_at:
        return _("The call closes at its closing time, not before.")
    if move.name == "shortlist" and call.assessment_closed_at is None:
        return _("Close the assessment first: the shortlist reads its final scores.")
    waiting = (Selection.Status.AWAITING, Selection.Status.ACCEPTED)
    if move.name == "complete" and call.selections.filter(status__in=waiting):
        return _("A selection still waits for its acceptance or its agreement.")
    return ""


def record_step(
    call: Call, *, action: str, to: str, by: User | None, reason=""
) -> None:
    """Move the call to `to` and keep the step in its history."""
    CallStep.objects.create(
        call=call,
        action=action,
        from_status=call.status,
        to_status=to,
        by=by,
        at=timezone.now(),
        reason=reason,
    )
    call.status = to
    call.save(update_fields=["status", "updated_at"])


@transaction.atomic
def call_move(*, call: Call, by: User | None, action: str, reason: str = "") -> Call:
    """Take a lifecycle action; `by` is None for the closing the system does."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    move = MOVES.get(action)
    if move is None:
        raise ValidationError({"action": _("No such action.")})
    if by is not None and not may_run_call(by, call):
        raise PermissionDenied(_("Only those who run this call may do this."))
    error = _move_errors(call, move)
    if error:
        raise TransitionError(error)
    if action == "shortlist":
        standings_write(call)
    record_step(call, action=action, to=move.target, by=by, reason=reason.strip())
    return call


DRAFTS_REMINDED_BEFORE = dt.timedelta(days=3)


def remind_drafts_before_closing(now=None) -> int:
    """Tell the members of organizations whose application to a call is still
    a draft, once, three days before the call closes; how many were told."""
    now = now or timezone.now()
    closing = Call.objects.filter(
        status=Call.Status.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + DRAFTS_REMINDED_BEFORE,
    )
    told = 0
    for application in Application.objects.filter(
        call__in=closing, status=Application.Status.DRAFT
    ).select_related("call", "organization"):
        told += notify(
            recipients=people_of(application.organization),
            kind=Kind.CALL_NEWS,
            key=f"application:{application.uuid}:closing",
            sentence=gettext_noop(
                "The call “%(call)s” closes on %(date)s: your application is "
                "still a draft. Submit it before then."
            ),
            values={
                "call": application.call.title,
                "date": application.call.closes_at.isoformat(),
            },
            url=application.get_absolute_url(),
        )
    return told


def close_calls_past_their_time(now=None) -> int:
    """Close every open call whose closing time has passed; how many it closed."""
    now = now or timezone.now()
    due = Call.objects.filter(status=Call.Status.OPEN, closes_at__lte=now)
    closed = 0
    for call in due:
        call_move(call=call, by=None, action="close")
        closed += 1
    return closed
