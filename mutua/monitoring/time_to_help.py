"""How fast help comes (PRODUCT §5): from a request's submission to its
publication, its first match proposal, its first accepted match and its
partnership; and how many proposals were answered within their window.

Each request's times come from what was recorded as it moved: its first
submission step, its publication, its matches and its partnerships, read and
subtracted by the database, which also orders them to pick the median and the
90th percentile (nearest rank). A request counts in the year it was first
submitted, in its country's region and groups, and under its GBF targets.
"""

import datetime as dt
import math
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
from django.db.models import Window
from django.db.models.functions import Greatest
from django.db.models.functions import RowNumber
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


def _in_scope(records: QuerySet, scope: Scope, path: str = "") -> QuerySet:
    """Requests (or what `path` leads to them from) of the scope's place and
    GBF target."""
    countries = countries_of_scope(scope)
    if countries is not None:
        records = records.filter(**{f"{path}country__in": countries})
    if scope.target is not None:
        records = records.filter(**{f"{path}targets__number": scope.target})
    return records


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
    return _in_scope(requests, scope).annotate(
        publication=_since_submission("published_at"),
        first_proposal=_since_submission("first_proposal_at"),
        first_acceptance=_since_submission("first_acceptance_at"),
        partnership=_since_submission("partnership_at"),
    )


def _days(duration: dt.timedelta) -> float:
    return max(duration.total_seconds(), 0) / 86_400


def _ranks(count: int) -> dict[str, tuple[int, ...]]:
    """Which durations, counted from the shortest (1), give the median (one,
    or the two in the middle) and the 90th percentile (the nearest rank)."""
    return {
        "median": tuple(sorted({(count + 1) // 2, count // 2 + 1})),
        "p90": (max(1, math.ceil(count * 0.9)),),
    }


def _stage(requests: QuerySet[Request], key: str, label, count: int) -> Stage:
    """The stage's median and 90th percentile, picked by the database from its
    durations in order (a window's row numbers): only those rows come back."""
    if not count:
        return Stage(key, str(label), 0, None, None)
    ranks = _ranks(count)
    picked = dict(
        requests.filter(**{f"{key}__isnull": False})
        .annotate(rank=Window(RowNumber(), order_by=[F(key).asc(), F("pk").asc()]))
        .filter(rank__in={r for chosen in ranks.values() for r in chosen})
        .values_list("rank", key)
    )
    median = sum(_days(picked[r]) for r in ranks["median"]) / len(ranks["median"])
    return Stage(
        key,
        str(label),
        count,
        round(median, 1),
        round(_days(picked[ranks["p90"][0]]), 1),
    )


def stages(scope: Scope) -> list[Stage]:
    """Each stage: how many requests reached it, and in how many days (median
    and 90th percentile). Five queries: the counts, then each stage's picks."""
    requests = timed_requests(scope)
    # Named apart from the durations they count, which an alias would hide.
    counts = requests.aggregate(**{f"{key}_count": Count(key) for key in STAGES})
    return [
        _stage(requests, key, label, counts[f"{key}_count"])
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
    figures = _in_scope(matches, scope, "request__").aggregate(
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
