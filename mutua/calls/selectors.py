"""Reads of calls: the public list with its filters, a caller's drafts, one call."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models import QuerySet

from mutua.cooperation.models import Partnership
from mutua.core.search import search
from mutua.directory import access as directory

from .assessment import Criterion
from .assessment import Spread
from .assessment import diverges
from .assessment import spread
from .assessment import weighted_total
from .models import Application
from .models import Call
from .models import Declaration
from .models import Question
from .models import Score
from .models import ScoreSheet


@dataclass(frozen=True)
class CallFilters:
    query: str = ""
    kind: str = ""
    status: str = ""
    region: str = ""  # M49 code: calls of that region and of the regions within it


def _within(lookup: str, value) -> Q:
    """Calls of a region (`lookup` on it: "code", "id__in"...) or of one within it."""
    paths = ("region", "region__parent", "region__parent__parent")
    return Q(*(Q(**{f"{path}__{lookup}": value}) for path in paths), _connector=Q.OR)


def calls(filters: CallFilters) -> QuerySet[Call]:
    """Published calls (every status but draft), matching every filter;
    the best text matches first, else those closing last first."""
    queryset = Call.objects.exclude(status=Call.Status.DRAFT)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.region:
        queryset = queryset.filter(_within("code", filters.region))
    queryset = queryset.select_related("region")
    if filters.query.strip():
        return search(queryset, filters.query, rank=True)
    return queryset.order_by("-closes_at", "-pk")


def drafts_run_by(user) -> QuerySet[Call]:
    """The drafts this user may publish: all for the secretariat, those of
    the coordinator's regions otherwise."""
    drafts = Call.objects.filter(status=Call.Status.DRAFT).select_related("region")
    if directory.is_secretariat(user):
        return drafts
    regions = directory.coordinated_region_ids(user)
    if not regions:
        return drafts.none()
    return drafts.filter(_within("id__in", regions))


def call_details(call: Call) -> dict:
    """What a call's page shows beside the call: its criteria and its history."""
    return {
        "criteria": list(call.criteria.all()),
        "steps": list(call.steps.select_related("by__profile")),
        "documents": list(call.documents.filter(application=None)),
        "questions": list(published_questions(call)),
    }


# Applications -------------------------------------------------------------------


def partnerships_of(user) -> QuerySet[Partnership]:
    """Partnerships in which one of the user's organizations takes part."""
    return (
        Partnership.objects.filter(participants__organization__membership__user=user)
        .distinct()
        .order_by("-started_on", "-pk")
    )


def applications_of(user) -> QuerySet[Application]:
    """The applications of the user's organizations, newest first."""
    ids = directory.member_organization_ids(user)
    return Application.objects.filter(organization_id__in=ids).select_related(
        "call", "organization", "region"
    )


def applications_to(call: Call) -> QuerySet[Application]:
    """A call's applications but drafts, for those who run it."""
    return (
        call.applications.exclude(status=Application.Status.DRAFT)
        .select_related("organization__country", "region")
        .order_by("region__name", "organization__name")
    )


def application_details(application: Application) -> dict:
    """What an application's page shows beside it."""
    return {
        "answers": list(application.answers.select_related("criterion")),
        "documents": list(application.documents.all()),
    }


# Questions -----------------------------------------------------------------------


def published_questions(call: Call) -> QuerySet[Question]:
    return call.questions.exclude(published_at=None).order_by("published_at", "pk")


def questions_asked_by(user, call: Call) -> QuerySet[Question]:
    if not user.is_authenticated:
        return Question.objects.none()
    return call.questions.filter(asked_by=user)


def unanswered_questions(call: Call) -> QuerySet[Question]:
    """For those who run the call: the questions waiting, oldest first."""
    return call.questions.filter(published_at=None).order_by("created_at", "pk")


# The assessment ----------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    assessor: int  # user id
    scores: dict[str, int]  # criterion key: score
    total: float


@dataclass
class AssessedApplication:
    """An application as the panel has assessed it so far."""

    application: Application
    sheets: list[Sheet]
    mean: float | None
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


def assessment_overview(call: Call) -> list[AssessedApplication]:
    """Every submitted application with its submitted sheets, weighted totals,
    spread per criterion, divergence flag and missing assessments; best mean
    first. Five queries, whatever the size of the call."""
    criteria = _criteria(call)
    panel = {
        seat.user_id: _name(seat.user)
        for seat in call.panel.select_related("user__profile")
    }
    declared = {
        (application, assessor): conflict
        for application, assessor, conflict in Declaration.objects.filter(
            application__call=call
        ).values_list("application_id", "assessor_id", "conflict")
    }
    scores: dict[tuple[int, int], dict[str, int]] = {}
    for application, assessor, criterion, value in Score.objects.filter(
        sheet__application__call=call, sheet__submitted_at__isnull=False
    ).values_list(
        "sheet__application_id", "sheet__assessor_id", "criterion_id", "value"
    ):
        scores.setdefault((application, assessor), {})[str(criterion)] = value
    by_application: dict[int, list[Sheet]] = {}
    for (application, assessor), given in scores.items():
        total = weighted_total(given, criteria, call.scale)
        by_application.setdefault(application, []).append(Sheet(assessor, given, total))
    rows = []
    applications = call.applications.filter(
        status=Application.Status.SUBMITTED
    ).select_related("organization", "region")
    for application in applications:
        sheets = by_application.get(application.pk, [])
        done = {sheet.assessor for sheet in sheets}
        totals = [sheet.total for sheet in sheets]
        rows.append(
            AssessedApplication(
                application=application,
                sheets=sorted(sheets, key=lambda s: panel.get(s.assessor, "")),
                mean=round(sum(totals) / len(totals), 1) if totals else None,
                spread=spread([s.scores for s in sheets], criteria),
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
