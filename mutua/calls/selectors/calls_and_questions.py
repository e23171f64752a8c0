"""Reads of calls: the public list with its filters, drafts, one call, its questions."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models import QuerySet

from mutua.core.search import search
from mutua.directory import access as directory

from ..models import Call
from ..models import Question


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
