"""The ranked shortlist (¶47 a iv), written when it is published: each
application's mean total, its rank in its scope and its outcome.

Hosts: for each scope (the region or subregion an application would serve), a
ranking whose first `shortlist_size` are shortlisted, ties broken by
`assessment.TIE_RULE`. Seed grants: one ranking, funded in rank order while the
budget lasts and above the approval threshold (`assessment.FUNDING_RULE`);
every other application says why it is not funded.
"""

from dataclasses import dataclass
from dataclasses import replace
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from ..assessment import Entry
from ..assessment import Grant
from ..assessment import fund
from ..assessment import shortlists
from ..models import Application
from ..models import Call
from ..models import Outcome
from ..selectors import assessment_overview
from .applications import eligibility_errors

GLOBAL = "global"  # the scope of an application that serves no one region


def _scope(application) -> str:
    return str(application.region_id) if application.region_id else GLOBAL


@dataclass(frozen=True)
class Standing:
    total: float | None
    rank: int | None
    outcome: str


def standings(call: Call) -> dict[int, Standing]:
    """Where each application but drafts stands, by primary key."""
    rows = {row.application.pk: row for row in assessment_overview(call)}
    found: dict[int, Standing] = {}
    for pk, status in call.applications.exclude(
        status=Application.Status.DRAFT
    ).values_list("pk", "status"):
        row = rows.get(pk)
        if status == Application.Status.WITHDRAWN:
            found[pk] = Standing(row.mean if row else None, None, Outcome.WITHDRAWN)
        elif row is None or row.mean is None:
            found[pk] = Standing(None, None, Outcome.NOT_ASSESSED)
    entries = [
        Entry(
            key=str(pk),
            scope=GLOBAL if call.kind == Call.Kind.GRANT else _scope(row.application),
            total=row.mean,
            by_criterion=row.parts,
            submitted_at=row.application.submitted_at,
        )
        for pk, row in rows.items()
        if pk not in found
    ]
    for ranking in shortlists(entries, call.shortlist_size).values():
        for place in ranking:
            outcome = (
                Outcome.SHORTLISTED if place.shortlisted else Outcome.NOT_SHORTLISTED
            )
            found[int(place.entry.key)] = Standing(
                place.entry.total, place.position, outcome
            )
    if call.kind == Call.Kind.GRANT:
        _fund(call, found)
    return found


def standings_write(call: Call) -> None:
    """Store every application's standing in one statement run for all rows:
    Django's bulk_update would build a CASE expression per row and field, and
    take a second for a call of 500 applications."""
    now = timezone.now()
    table = Application._meta.db_table
    rows = [
        (standing.total, standing.rank, standing.outcome, now, pk)
        for pk, standing in standings(call).items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET total = %s, rank = %s, outcome = %s, "  # noqa: S608 — the model's own table
            "updated_at = %s WHERE id = %s",
            rows,
        )


def _fund(call: Call, found: dict[int, Standing]) -> None:
    """Replace the ranked applications' outcomes with the funding decisions."""
    ranked = sorted(
        (pk for pk, standing in found.items() if standing.rank is not None),
        key=lambda pk: found[pk].rank,
    )
    applications = Application.objects.in_bulk(ranked)
    grants = [
        Grant(
            key=str(pk),
            total=found[pk].total,
            amount=applications[pk].amount or Decimal(0),
            eligible=not eligibility_errors(applications[pk]),
            withdrawn=False,
        )
        for pk in ranked
    ]
    for decision in fund(grants, budget=call.budget, threshold=call.approval_threshold):
        pk = int(decision.key)
        found[pk] = replace(found[pk], outcome=Outcome(decision.reason.value))
