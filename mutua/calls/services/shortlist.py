"""The ranked shortlist (¶47 a iv), written when it is published: each
application's mean total, its rank in its scope and its outcome.

Hosts: for each scope (the region or subregion an application would serve), a
ranking whose first `shortlist_size` are shortlisted, ties broken by
`assessment.TIE_RULE`. Seed grants: one ranking, funded in rank order while the
budget lasts and above the approval threshold (`assessment.FUNDING_RULE`);
every other application says why it is not funded.
"""

from decimal import Decimal

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


def _scope(application: Application) -> str:
    return str(application.region_id) if application.region_id else GLOBAL


def standings_write(call: Call) -> None:
    """Rank the call's applications and store where each stands."""
    rows = {row.application.pk: row for row in assessment_overview(call)}
    applications = list(call.applications.exclude(status=Application.Status.DRAFT))
    for application in applications:
        row = rows.get(application.pk)
        application.total = row.mean if row else None
        application.rank = None
        if application.status == Application.Status.WITHDRAWN:
            application.outcome = Outcome.WITHDRAWN
        elif application.total is None:
            application.outcome = Outcome.NOT_ASSESSED
    ranked = [
        a
        for a in applications
        if a.status == Application.Status.SUBMITTED and a.total is not None
    ]
    entries = {
        a.pk: Entry(
            key=str(a.pk),
            scope=GLOBAL if call.kind == Call.Kind.GRANT else _scope(a),
            total=a.total,
            by_criterion=rows[a.pk].parts,
            submitted_at=a.submitted_at,
        )
        for a in ranked
    }
    by_key = {str(a.pk): a for a in ranked}
    for ranking in shortlists(entries.values(), call.shortlist_size).values():
        for place in ranking:
            application = by_key[place.entry.key]
            application.rank = place.position
            application.outcome = (
                Outcome.SHORTLISTED if place.shortlisted else Outcome.NOT_SHORTLISTED
            )
    if call.kind == Call.Kind.GRANT:
        _fund(call, sorted(ranked, key=lambda a: a.rank))
    Application.objects.bulk_update(applications, ["total", "rank", "outcome"])


def _fund(call: Call, ranked: list[Application]) -> None:
    grants = [
        Grant(
            key=str(a.pk),
            total=a.total,
            amount=a.amount or Decimal(0),
            eligible=not eligibility_errors(a),
            withdrawn=False,
        )
        for a in ranked
    ]
    by_key = {str(a.pk): a for a in ranked}
    decisions = fund(grants, budget=call.budget, threshold=call.approval_threshold)
    for decision in decisions:
        by_key[decision.key].outcome = Outcome(decision.reason.value)
