"""How fast help comes (PRODUCT §5): from a request's submission to its
publication, its first match proposal, its first accepted match and its
partnership; and how many proposals were answered within their window.

Each request's times come from what was recorded as it moved: its first
submission step, its publication, its matches and its partnerships, read and
subtracted by the database in one query; the median and the 90th percentile
are taken over those durations. A request counts in the year it was first
submitted, in its country's region and groups.
"""

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import DateTimeField
from django.db.models import DurationField
from django.db.models import ExpressionWrapper
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Partnership
from mutua.exchange.lifecycle import PUBLIC_REQUEST_STATUSES
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.matching.models import Match

from .selectors import Scope
from .selectors import countries_of_scope

# The stages measured from submission, each with the moment it ends.
STAGES = {
    "publication": _("Submission to publication"),
    "first_proposal": _("Submission to first match proposal"),
    "first_acceptance": _("Submission to first accepted match"),
    "partnership": _("Submission to partnership"),
}


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    count: int  # requests that reached it
    median_days: float | None
    p90_days: float | None


@dataclass(frozen=True)
class AnsweredInTime:
    closed: int  # proposals answered, declined or lapsed
    in_time: int

    @property
    def share(self) -> float | None:
        return self.in_time / self.closed if self.closed else None


def _first(queryset: QuerySet, field: str) -> Subquery:
    return Subquery(
        queryset.order_by(field).values(field)[:1], output_field=DateTimeField()
    )


def _since_submission(end: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F("submitted"), output_field=DurationField())


def _moment(day: dt.date) -> dt.datetime:
    """The start of a day, in UTC: years are counted in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def timed_requests(scope: Scope) -> QuerySet[Request]:
    """The requests first submitted in the scope, each with how long it took to
    reach each stage (None where it has not)."""
    mine = {"request": OuterRef("pk")}
    accepted = Match.objects.filter(status=Match.Status.ACCEPTED, **mine).annotate(
        accepted_at=Greatest("requester_decided_at", "provider_decided_at")
    )
    requests = Request.objects.annotate(
        submitted=_first(Transition.objects.filter(action="submit", **mine), "at"),
        first_proposal_at=_first(Match.objects.filter(**mine), "created_at"),
        first_acceptance_at=_first(accepted, "accepted_at"),
        partnership_at=_first(Partnership.objects.filter(**mine), "created_at"),
    ).filter(submitted__gte=_moment(scope.start), submitted__lt=_moment(scope.end))
    countries = countries_of_scope(scope)
    if countries is not None:
        requests = requests.filter(country__in=countries)
    return requests.annotate(
        publication=_since_submission("published_at"),
        first_proposal=_since_submission("first_proposal_at"),
        first_acceptance=_since_submission("first_acceptance_at"),
        partnership=_since_submission("partnership_at"),
    )


def _days(duration: dt.timedelta) -> float:
    return max(duration.total_seconds(), 0) / 86_400


def _percentile(days: list[float], share: float) -> float | None:
    """The nearest-rank percentile: a duration some request really took."""
    if not days:
        return None
    ordered = sorted(days)
    rank = max(1, math.ceil(len(ordered) * share))
    return round(ordered[rank - 1], 1)


def stages(scope: Scope) -> list[Stage]:
    durations = {key: [] for key in STAGES}
    for row in timed_requests(scope).values_list(*STAGES):
        for key, duration in zip(STAGES, row, strict=True):
            if duration is not None:
                durations[key].append(_days(duration))
    return [
        Stage(
            key,
            str(label),
            len(durations[key]),
            round(statistics.median(durations[key]), 1) if durations[key] else None,
            _percentile(durations[key], 0.9),
        )
        for key, label in STAGES.items()
    ]


def answered_in_time(scope: Scope) -> AnsweredInTime:
    """Proposals made in the scope whose window has closed: how many both sides
    answered (accepted or declined) by its end, out of all of them."""
    matches = Match.objects.filter(
        created_at__gte=_moment(scope.start),
        created_at__lt=_moment(scope.end),
        answer_by__isnull=False,
    ).exclude(status=Match.Status.PROPOSED)
    countries = countries_of_scope(scope)
    if countries is not None:
        matches = matches.filter(request__country__in=countries)
    figures = matches.aggregate(
        closed=Count("pk"),
        in_time=Count(
            "pk",
            filter=~Q(status=Match.Status.LAPSED) & Q(updated_at__lte=F("answer_by")),
        ),
    )
    return AnsweredInTime(figures["closed"], figures["in_time"])


def stage_records(scope: Scope, key: str) -> QuerySet[Request]:
    """The public requests behind a stage's figures, the slowest first."""
    return (
        timed_requests(scope)
        .filter(**{f"{key}__isnull": False}, status__in=PUBLIC_REQUEST_STATUSES)
        .select_related("country")
        .order_by(F(key).desc(), "pk")
    )
