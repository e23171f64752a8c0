"""What the indicators share: the paths from each kind of record to its date, country
and targets, the conditions that pick records, and how a share of partnerships is
computed."""

import datetime as dt

from django.db.models import Count
from django.db.models import Q
from django.db.models.functions import TruncMonth

from mutua.cooperation.models import Attendance
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership

from ..models import Use
from .definition import Unit

REGULAR_MONTHS = 3


def _partnership_paths(prefix: str = "partnership__") -> dict[str, str]:
    return {"country": f"{prefix}country", "targets": f"{prefix}targets"}


ON_PARTNERSHIP = {"date": "started_on", "country": "country", "targets": "targets"}
ON_ACTIVITY = {"date": "held_on", **_partnership_paths()}
ON_ATTENDANCE = {
    "date": "activity__held_on",
    **_partnership_paths("activity__partnership__"),
}
ON_RESULT = {"date": "dated", **_partnership_paths()}
# Attendance is summed by the people of each row, funding by its amount in the
# reporting currency (and broken down by purpose).
PEOPLE_ATTENDING = {"model": Attendance, "summed": "count", **ON_ATTENDANCE}
FUNDING_RECEIVED = {
    "model": FundingFlow,
    "summed": "reporting_amount",
    "breakdowns": ("purpose",),
    **ON_RESULT,
}

AWARENESS = Q(modality__code="awareness_raising")
CAPACITY = ~AWARENESS
SOUTH_OR_IPLC_LEAD = (
    Q(lead_country__development_group="developing")
    | Q(lead_organization__type="iplc")
    | Q(lead_is_iplc=True)
)
GRASSROOTS = Q(target_groups__code="grassroots")


def share_of_partnerships(numerator: Q) -> dict:
    """The partnerships started in the period that meet `numerator`, as a share of
    all those the indicator looks at."""
    return {
        "unit": Unit.PERCENT,
        "model": Partnership,
        "numerator": numerator,
        "denominator": Q(),
        **ON_PARTNERSHIP,
    }


def with_participant_of(kind: str) -> Q:
    return Q(
        pk__in=Participant.objects.filter(organization__type=kind).values("partnership")
    )


def regular_use(start: dt.date, end: dt.date) -> Q:
    """Countries whose focal points used the platform in enough months of the period."""
    moment = dt.datetime.min.time()
    active = (
        Use.objects.filter(
            at__gte=dt.datetime.combine(start, moment, dt.UTC),
            at__lt=dt.datetime.combine(end, moment, dt.UTC),
        )
        .values("country")
        .annotate(months=Count(TruncMonth("at"), distinct=True))
        .filter(months__gte=REGULAR_MONTHS)
        .values("country")
    )
    return Q(pk__in=active)


def of_type(kind: str) -> Q:
    return Q(cooperation_type=kind)


def funded_of_type(kind: str) -> Q:
    return Q(partnership__cooperation_type=kind)
