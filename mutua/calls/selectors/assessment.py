"""Reads of the assessment: the panel's overview, its members' work, the report
and the shortlist."""

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from uuid import UUID

from django.db.models import Count
from django.db.models import F
from django.db.models import Max
from django.db.models import Min
from django.db.models import Sum
from django.utils.translation import gettext_lazy

from ..assessment import Criterion
from ..assessment import Spread
from ..assessment import Weighing
from ..assessment import diverges
from ..models import Application
from ..models import Call
from ..models import Declaration
from ..models import Outcome
from ..models import Score
from ..models import ScoreSheet

GLOBAL = gettext_lazy("Global")


@dataclass(frozen=True)
class Applicant:
    """A submitted application as the overview reads it: plain values, as it
    reads hundreds at once."""

    pk: int
    uuid: UUID
    title: str
    organization: str
    region_id: int | None
    scope: str
    submitted_at: datetime


@dataclass(frozen=True)
class Sheet:
    assessor: int  # user id
    total: float


@dataclass
class AssessedApplication:
    """An application as the panel has assessed it so far."""

    application: Applicant
    sheets: list[Sheet]
    mean: float | None
    parts: tuple[Fraction, ...]  # each criterion's mean points, heaviest first
    spread: dict[str, Spread]
    diverges: bool
    missing: list[str]  # panel members who owe a declaration or scores
    conflicts: list[str]  # panel members who declared a conflict


def _criteria(call: Call) -> list[Criterion]:
    return [Criterion(str(c.pk), c.weight) for c in call.criteria.all()]


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile and profile.display_name) or user.get_full_name() or user.username


def panel_names(call: Call) -> dict[int, str]:
    """The panel's members by user id, as the pages name them."""
    seats = call.panel.select_related("user__profile")
    return {seat.user_id: _name(seat.user) for seat in seats}


def _applicants(call: Call) -> list[Applicant]:
    fields = ("pk", "uuid", "title", "organization__name", "region_id", "region__name")
    return [
        Applicant(pk, uuid, title, organization, region, name or str(GLOBAL), at)
        for pk, uuid, title, organization, region, name, at in call.applications.filter(
            status=Application.Status.SUBMITTED
        ).values_list(*fields, "submitted_at")
    ]


def assessment_overview(call: Call) -> list[AssessedApplication]:
    """Every submitted application with its submitted sheets, weighted totals,
    spread per criterion, divergence flag and missing assessments; best mean
    first. Five queries, whatever the size of the call: the database adds up
    each sheet's points and each criterion's scores, and `Weighing` turns the
    sums into totals as `assessment.weighted_total` would, sheet by sheet."""
    criteria = _criteria(call)
    weighing = Weighing.of(criteria, call.scale)
    panel = panel_names(call)
    declared = {
        (application, assessor): conflict
        for application, assessor, conflict in Declaration.objects.filter(
            application__call=call
        ).values_list("application_id", "assessor_id", "conflict")
    }
    submitted = {"sheet__application__call": call, "sheet__submitted_at__isnull": False}
    points = Sum(F("value") * F("criterion__weight"))
    sheets: dict[int, list[Sheet]] = {}
    for application, assessor, given in (
        Score.objects.filter(**submitted)
        .values_list("sheet__application_id", "sheet__assessor_id")
        .annotate(points=points)
        .order_by()
    ):
        sheets.setdefault(application, []).append(
            Sheet(assessor, weighing.total(given))
        )
    by_criterion: dict[int, dict[str, tuple]] = {}
    for application, criterion, lowest, highest, given, count in (
        Score.objects.filter(**submitted)
        .values_list("sheet__application_id", "criterion_id")
        .annotate(
            lowest=Min("value"), highest=Max("value"), points=points, n=Count("pk")
        )
        .order_by()
    ):
        by_criterion.setdefault(application, {})[str(criterion)] = (
            Spread(lowest, highest),
            Fraction(given, count),
        )
    rows = []
    for application in _applicants(call):
        found = sheets.get(application.pk, [])
        parts = by_criterion.get(application.pk, {})
        done = {sheet.assessor for sheet in found}
        totals = [sheet.total for sheet in found]
        rows.append(
            AssessedApplication(
                application=application,
                sheets=sorted(found, key=lambda s: panel.get(s.assessor, "")),
                mean=round(sum(totals) / len(totals), 1) if totals else None,
                parts=tuple(parts[key][1] for key in weighing.keys if key in parts),
                spread={key: part[0] for key, part in parts.items()},
                diverges=diverges(totals),
                missing=[
                    name
                    for user, name in panel.items()
                    if user not in done and not declared.get((application.pk, user))
                ],
                conflicts=[
                    name
                    for user, name in panel.items()
                    if declared.get((application.pk, user))
                ],
            )
        )
    return sorted(rows, key=lambda r: (r.mean is None, -(r.mean or 0)))


def sheet_initial(sheet: ScoreSheet | None) -> dict:
    """An assessor's saved scores and comments, as its form shows them."""
    if sheet is None:
        return {}
    initial = {}
    for score in sheet.scores.select_related("criterion"):
        n = score.criterion.position
        initial |= {f"score_{n}": score.value, f"comment_{n}": score.comment}
    return initial


def sheets_of(application: Application) -> list[ScoreSheet]:
    """Every submitted sheet of an application, with its scores."""
    return list(
        application.sheets.exclude(submitted_at=None)
        .prefetch_related("scores__criterion")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class PanelWork:
    call: Call
    # Each submitted application with where the member stands: "declare",
    # "conflict", "score" (a draft or nothing yet) or "submitted".
    applications: list[tuple[Application, str]]


def assessments_of(user) -> list[PanelWork]:
    """The calls under assessment on whose panel the user sits, and its work."""
    panel_calls = Call.objects.filter(panel__user=user, status=Call.Status.ASSESSMENT)
    declared = dict(
        Declaration.objects.filter(
            assessor=user, application__call__in=panel_calls
        ).values_list("application_id", "conflict")
    )
    submitted = set(
        ScoreSheet.objects.filter(
            assessor=user, application__call__in=panel_calls, submitted_at__isnull=False
        ).values_list("application_id", flat=True)
    )

    def state(application: Application) -> str:
        if application.pk not in declared:
            return "declare"
        if declared[application.pk]:
            return "conflict"
        return "submitted" if application.pk in submitted else "score"

    work = []
    for call in panel_calls.order_by("closes_at"):
        applications = call.applications.filter(
            status=Application.Status.SUBMITTED
        ).select_related("organization")
        work.append(PanelWork(call, [(a, state(a)) for a in applications]))
    return work


# The assessment report ---------------------------------------------------------


@dataclass
class Applied:
    """How one criterion was applied to one application."""

    name: str
    weight: int
    mean: float | None  # the assessors' mean score on the call's scale
    lowest: int | None
    highest: int | None
    comments: list[str]


@dataclass
class Reported:
    application: Application
    criteria: list[Applied]
    assessors: int
    conflicts: int


@dataclass
class ReportScope:
    name: str
    entries: list[Reported]


def assessment_report(call: Call) -> list[ReportScope]:
    """Per scope, every application but drafts in rank order, and how each
    criterion was applied to it: mean score, spread, the assessors' comments
    (without their names), and how many conflicts were declared. Four queries."""
    criteria = list(call.criteria.all())
    given: dict[tuple[int, int], list[tuple[int, str]]] = {}
    sheets: dict[int, set[int]] = {}
    for application, sheet, criterion, value, comment in (
        Score.objects.filter(
            sheet__application__call=call, sheet__submitted_at__isnull=False
        )
        .values_list(
            "sheet__application_id", "sheet_id", "criterion_id", "value", "comment"
        )
        .order_by("sheet__submitted_at", "sheet_id")
    ):
        given.setdefault((application, criterion), []).append((value, comment))
        sheets.setdefault(application, set()).add(sheet)
    conflicts: dict[int, int] = {}
    for application in Declaration.objects.filter(
        application__call=call, conflict=True
    ).values_list("application_id", flat=True):
        conflicts[application] = conflicts.get(application, 0) + 1
    scopes: dict[str, list[Reported]] = {}
    applications = (
        call.applications.exclude(status=Application.Status.DRAFT)
        .select_related("organization__country", "region")
        .order_by(F("rank").asc(nulls_last=True), "-total", "organization__name")
    )
    for application in applications:
        applied = []
        for criterion in criteria:
            scored = given.get((application.pk, criterion.pk), [])
            values = [value for value, _comment in scored]
            applied.append(
                Applied(
                    name=criterion.name,
                    weight=criterion.weight,
                    mean=round(sum(values) / len(values), 1) if values else None,
                    lowest=min(values, default=None),
                    highest=max(values, default=None),
                    comments=[comment for _value, comment in scored if comment],
                )
            )
        scope = call.scope if call.kind == Call.Kind.GRANT else application.scope
        scopes.setdefault(scope, []).append(
            Reported(
                application=application,
                criteria=applied,
                assessors=len(sheets.get(application.pk, ())),
                conflicts=conflicts.get(application.pk, 0),
            )
        )
    return [ReportScope(name, entries) for name, entries in sorted(scopes.items())]


def shortlist(call: Call) -> list[tuple[str, list[Application]]]:
    """Each scope's shortlisted (or, for grants, funded) applications in rank order."""
    chosen = (
        call.applications.filter(outcome__in=(Outcome.SHORTLISTED, Outcome.FUNDED))
        .select_related("organization", "region")
        .order_by("rank", "pk")
    )
    scopes: dict[str, list[Application]] = {}
    for application in chosen:
        scope = call.scope if call.kind == Call.Kind.GRANT else application.scope
        scopes.setdefault(scope, []).append(application)
    return sorted(scopes.items())
