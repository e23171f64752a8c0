"""The registered indicators: every KPI of CBD/COP/15/12's annex and ¶38 (a)–(i).

An indicator counts (or sums) records of one model. `where` picks the records it
looks at; `numerator` the ones it counts; `denominator`, for a share or a ratio,
the ones it divides by. Values are computed in the database by `selectors`, for
a period and a scope, never typed in; docs/indicators.md maps the annex to these
codes.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Model, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import (
    Activity,
    Attendance,
    FundingFlow,
    Participant,
    Partnership,
    Policy,
    Publication,
    Technology,
)
from mutua.directory.models import Country

from .models import Level, Use

REGULAR_MONTHS = 3


class Unit:
    NUMBER = _("number")
    PEOPLE = _("people")
    PERCENT = _("%")
    MONEY = _("USD")
    RATIO = _("per 100 North-South")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    formula: str
    unit: str
    level: str
    source: str
    model: type[Model]
    # Paths from the model to the date that places a record in a period, to the
    # country it counts for, and to its GBF targets ("" for none, or the model
    # itself for a country).
    date: str
    country: str
    targets: str
    where: Q = field(default_factory=Q)
    # A condition, or a function of the period (start, end) that makes one.
    numerator: Q | Callable[[dt.date, dt.date], Q] = field(default_factory=Q)
    denominator: Q | None = None
    # The field summed, or None to count records.
    summed: str | None = None
    # Further ways to break the value down, beside year, place and target.
    breakdowns: tuple[str, ...] = ()

    @property
    def level_label(self) -> str:
        return Level(self.level).label

    @property
    def is_share(self) -> bool:
        return self.denominator is not None


def _partnership_paths(prefix: str = "partnership__") -> dict[str, str]:
    return {"country": f"{prefix}country", "targets": f"{prefix}targets"}


ON_PARTNERSHIP = {"date": "started_on", "country": "country", "targets": "targets"}
ON_ACTIVITY = {"date": "held_on", **_partnership_paths()}
ON_ATTENDANCE = {
    "date": "activity__held_on",
    **_partnership_paths("activity__partnership__"),
}
ON_RESULT = {"date": "dated", **_partnership_paths()}

AWARENESS = Q(modality__code="awareness_raising")
CAPACITY = ~AWARENESS
SOUTH_OR_IPLC_LEAD = (
    Q(lead_country__development_group="developing")
    | Q(lead_organization__type="iplc")
    | Q(lead_is_iplc=True)
)
GRASSROOTS = Q(target_groups__code="grassroots")


def _with_participant_of(kind: str) -> Q:
    return Q(
        pk__in=Participant.objects.filter(organization__type=kind).values("partnership")
    )


def _regular_use(start: dt.date, end: dt.date) -> Q:
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


def _type(kind: str) -> Q:
    return Q(cooperation_type=kind)


def _funded_type(kind: str) -> Q:
    return Q(partnership__cooperation_type=kind)


INDICATORS: list[Indicator] = [
    Indicator(
        code="TSC-01",
        name=_("Co-created technologies"),
        definition=_(
            "Technologies co-created by the partners of a partnership, local and "
            "indigenous experts included."
        ),
        formula=_("Count of technologies recorded in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTPUTS,
        source="annex: new technologies co-created and deployed",
        model=Technology,
        **ON_RESULT,
    ),
    Indicator(
        code="TSC-02",
        name=_("Participation in technology development by stakeholder type and role"),
        definition=_(
            "Of the people taking part in joint technology development activities, "
            "the share who are local or indigenous experts or come from IPLC and "
            "grassroots organizations; broken down by stakeholder type and role."
        ),
        formula=_(
            "Participants who are local or indigenous experts, or of IPLC or "
            "grassroots organizations ÷ all participants, in technology development "
            "activities held in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: joint technology development ventures established",
        model=Attendance,
        where=Q(activity__modality__code="technology_development"),
        numerator=Q(role="local_expert")
        | Q(stakeholder_type__in=["iplc", "grassroots"]),
        denominator=Q(),
        summed="count",
        breakdowns=("stakeholder_type", "role", "gender"),
        **ON_ATTENDANCE,
    ),
    Indicator(
        code="TSC-03",
        name=_("Partnerships coordinated at regional level"),
        definition=_(
            "Share of partnerships with a coordinating regional centre among their "
            "participants."
        ),
        formula=_(
            "Partnerships started in the period with a coordinating regional centre "
            "÷ all partnerships started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: implementation at national level benefitting from regional support",
        model=Partnership,
        numerator=Q(regionally_coordinated=True),
        denominator=Q(),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-04",
        name=_("Capacity development led by southern partners and IPLC"),
        definition=_(
            "Share of capacity development activities (every modality but awareness "
            "raising) whose lead is from a developing country or is an indigenous "
            "peoples' and local communities' organization."
        ),
        formula=_(
            "Capacity development activities with a southern or IPLC lead ÷ all "
            "capacity development activities, held in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="annex: Parties' capacities strengthened through TSC",
        model=Activity,
        where=CAPACITY,
        numerator=SOUTH_OR_IPLC_LEAD,
        denominator=Q(),
        breakdowns=("modality__code",),
        **ON_ACTIVITY,
    ),
    Indicator(
        code="TSC-05",
        name=_(
            "Capacity strengthening for grassroots organizations in local languages"
        ),
        definition=_(
            "Of the capacity development activities aimed at grassroots "
            "organizations, the share delivered in a local language."
        ),
        formula=_(
            "Capacity development activities for grassroots organizations delivered "
            "in a local language ÷ all capacity development activities for "
            "grassroots organizations, held in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="annex: capacities of grassroots organizations strengthened",
        model=Activity,
        where=CAPACITY & GRASSROOTS,
        numerator=Q(in_local_language=True),
        denominator=Q(),
        **ON_ACTIVITY,
    ),
    Indicator(
        code="TSC-06",
        name=_("Capacity strengthening on organizational management"),
        definition=_(
            "Share of capacity development activities on organizational development: "
            "governance, infrastructure, systems, procedures, financial and human "
            "resources."
        ),
        formula=_(
            "Organizational development activities ÷ all capacity development "
            "activities, held in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="annex: organizational development of partnering institutions",
        model=Activity,
        where=CAPACITY,
        numerator=Q(modality__code="organizational_development"),
        denominator=Q(),
        **ON_ACTIVITY,
    ),
    Indicator(
        code="TSC-07",
        name=_("Awareness raising activities, virtual and face-to-face"),
        definition=_("Awareness raising activities held, by way of delivery."),
        formula=_("Count of awareness raising activities held in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTCOMES,
        source="annex: awareness raising activities targeting indirect audiences",
        model=Activity,
        where=AWARENESS,
        breakdowns=("delivery",),
        **ON_ACTIVITY,
    ),
    Indicator(
        code="TSC-08",
        name=_("Populations reached by awareness raising"),
        definition=_(
            "People reached by awareness raising activities, by the groups the "
            "activities were aimed at."
        ),
        formula=_(
            "Sum of people reached by awareness raising activities in the period."
        ),
        unit=Unit.PEOPLE,
        level=Level.OUTCOMES,
        source="annex: awareness raising activities targeting indirect audiences",
        model=Activity,
        where=AWARENESS,
        summed="people_reached",
        breakdowns=("delivery", "target_groups__code"),
        **ON_ACTIVITY,
    ),
    Indicator(
        code="TSC-09",
        name=_("Policymakers taking part in awareness raising"),
        definition=_(
            "Share of the people taking part in awareness raising activities who are "
            "policymakers, at every level."
        ),
        formula=_(
            "Policymakers ÷ all participants, in awareness raising activities held "
            "in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="annex: national policies developed, revised and implemented",
        model=Attendance,
        where=Q(activity__modality__code="awareness_raising"),
        numerator=Q(role="policymaker"),
        denominator=Q(),
        summed="count",
        breakdowns=("gender",),
        **ON_ATTENDANCE,
    ),
    Indicator(
        code="TSC-10",
        name=_("Policies developed or modified"),
        definition=_(
            "Policies developed or modified in support of the Convention with a "
            "partnership's help, at every level and stage."
        ),
        formula=_("Count of policies recorded in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTCOMES,
        source="annex: policymaking influenced",
        model=Policy,
        breakdowns=("level", "change", "stage"),
        **ON_RESULT,
    ),
    Indicator(
        code="TSC-11",
        name=_("Participation of other UN conventions and organizations"),
        definition=_(
            "Share of partnerships with an intergovernmental or UN body among their "
            "participants."
        ),
        formula=_(
            "Partnerships started in the period with an intergovernmental participant "
            "÷ all partnerships started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: TSC partnerships established and expanded",
        model=Partnership,
        numerator=_with_participant_of("intergovernmental"),
        denominator=Q(),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-12",
        name=_("Participation of the private sector"),
        definition=_(
            "Share of partnerships with a private-sector organization among their "
            "participants."
        ),
        formula=_(
            "Partnerships started in the period with a private-sector participant "
            "÷ all partnerships started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: TSC partnerships established and expanded",
        model=Partnership,
        numerator=_with_participant_of("private"),
        denominator=Q(),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-13",
        name=_("Participation of NGOs"),
        definition=_(
            "Share of partnerships with a non-governmental organization among their "
            "participants."
        ),
        formula=_(
            "Partnerships started in the period with an NGO participant ÷ all "
            "partnerships started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: TSC partnerships established and expanded",
        model=Partnership,
        numerator=_with_participant_of("ngo"),
        denominator=Q(),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-14",
        name=_("Resources allocated to South-South cooperation"),
        definition=_(
            "Share of the funding received by partnerships that went to South-South "
            "partnerships, in the reporting currency."
        ),
        formula=_(
            "Funding to South-South partnerships ÷ all funding, received in the "
            "period × 100 (amounts converted at the stored rates)."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: resources made available for South-South cooperation",
        model=FundingFlow,
        numerator=_funded_type("south_south"),
        denominator=Q(),
        summed="reporting_amount",
        breakdowns=("purpose",),
        **ON_RESULT,
    ),
    Indicator(
        code="TSC-15",
        name=_("South-South agreements relative to North-South"),
        definition=_(
            "South-South partnerships for every 100 North-South partnerships."
        ),
        formula=_(
            "South-South partnerships ÷ North-South partnerships, started in the "
            "period × 100."
        ),
        unit=Unit.RATIO,
        level=Level.OUTCOMES,
        source="annex: resources made available for South-South cooperation",
        model=Partnership,
        numerator=_type("south_south"),
        denominator=_type("north_south"),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-16",
        name=_("Resources allocated to triangular cooperation"),
        definition=_(
            "Share of the funding received by partnerships that went to triangular "
            "partnerships, in the reporting currency."
        ),
        formula=_(
            "Funding to triangular partnerships ÷ all funding, received in the "
            "period × 100 (amounts converted at the stored rates)."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: triangular cooperation sought",
        model=FundingFlow,
        numerator=_funded_type("triangular"),
        denominator=Q(),
        summed="reporting_amount",
        breakdowns=("purpose",),
        **ON_RESULT,
    ),
    Indicator(
        code="TSC-17",
        name=_("Triangular agreements relative to North-South"),
        definition=_("Triangular partnerships for every 100 North-South partnerships."),
        formula=_(
            "Triangular partnerships ÷ North-South partnerships, started in the "
            "period × 100."
        ),
        unit=Unit.RATIO,
        level=Level.OUTCOMES,
        source="annex: triangular cooperation sought",
        model=Partnership,
        numerator=_type("triangular"),
        denominator=_type("north_south"),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="TSC-18",
        name=_("Parties using the platform regularly"),
        definition=_(
            "Share of the Parties to the Convention whose national focal points "
            "signed in, or submitted or endorsed a request, in at least three "
            "different months of the period."
        ),
        formula=_(
            "Parties with recorded use in three or more months of the period ÷ all "
            "Parties × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: matchmaking operationalized",
        model=Country,
        date="",
        country="",
        targets="",
        where=Q(is_party=True),
        numerator=_regular_use,
        denominator=Q(),
    ),
    Indicator(
        code="TSC-19",
        name=_("Agreements that came from matchmaking"),
        definition=_(
            "Share of partnerships that began as a match: suggested by the engine or "
            "proposed by a coordinator, and accepted by both sides."
        ),
        formula=_(
            "Partnerships started in the period that came from a match ÷ all "
            "partnerships started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTPUTS,
        source="annex: matchmaking operationalized",
        model=Partnership,
        numerator=Q(origin__in=["engine", "coordinator"]),
        denominator=Q(),
        breakdowns=("origin",),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="P38-a",
        name=_("Technologies co-created and deployed"),
        definition=_("Co-created technologies that are in use."),
        formula=_(
            "Count of co-created technologies recorded in the period and deployed."
        ),
        unit=Unit.NUMBER,
        level=Level.OUTPUTS,
        source="¶38 (a)",
        model=Technology,
        where=Q(deployed=True),
        **ON_RESULT,
    ),
    Indicator(
        code="P38-b",
        name=_("Joint research published"),
        definition=_("Research publications by the partners of a partnership."),
        formula=_("Count of joint publications published in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTPUTS,
        source="¶38 (b); annex: joint research conducted and published",
        model=Publication,
        **ON_RESULT,
    ),
    Indicator(
        code="P38-c",
        name=_("People whose capacity was strengthened"),
        definition=_(
            "People taking part in capacity development and awareness raising "
            "activities, by modality."
        ),
        formula=_("Sum of participants in activities held in the period."),
        unit=Unit.PEOPLE,
        level=Level.OUTCOMES,
        source="¶38 (c)",
        model=Attendance,
        summed="count",
        breakdowns=("activity__modality__code", "gender"),
        **ON_ATTENDANCE,
    ),
    Indicator(
        code="P38-d",
        name=_("National policies put in place"),
        definition=_(
            "National policies adopted or implemented with a partnership's help."
        ),
        formula=_(
            "Count of national-level policies adopted or implemented, recorded in "
            "the period."
        ),
        unit=Unit.NUMBER,
        level=Level.OUTCOMES,
        source="¶38 (d)",
        model=Policy,
        where=Q(level="national", stage__in=["adopted", "implemented"]),
        **ON_RESULT,
    ),
    Indicator(
        code="P38-e",
        name=_("Policymaking influenced"),
        definition=_(
            "Policy processes at any stage that a partnership's work went into: "
            "proposals, adoptions and implementations, at every level."
        ),
        formula=_("Count of policies proposed, adopted or implemented in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTCOMES,
        source="¶38 (e)",
        model=Policy,
        breakdowns=("stage",),
        **ON_RESULT,
    ),
    Indicator(
        code="P38-f",
        name=_("Changes embraced by policymakers"),
        definition=_(
            "Share of the policies proposed to policymakers that were adopted or "
            "implemented."
        ),
        formula=_(
            "Policies adopted or implemented ÷ all policies recorded in the period "
            "× 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="¶38 (f)",
        model=Policy,
        numerator=Q(stage__in=["adopted", "implemented"]),
        denominator=Q(),
        breakdowns=("level",),
        **ON_RESULT,
    ),
    Indicator(
        code="P38-g",
        name=_("Partnerships established"),
        definition=_("Partnerships started, by cooperation type."),
        formula=_("Count of partnerships started in the period."),
        unit=Unit.NUMBER,
        level=Level.OUTPUTS,
        source="¶38 (g)",
        model=Partnership,
        breakdowns=("cooperation_type", "origin"),
        **ON_PARTNERSHIP,
    ),
    Indicator(
        code="P38-h",
        name=_("Resources mobilized"),
        definition=_(
            "Funding received by partnerships, converted to the reporting currency "
            "at the stored rates."
        ),
        formula=_("Sum of funding flows received in the period, in USD."),
        unit=Unit.MONEY,
        level=Level.OUTPUTS,
        source="¶38 (h)",
        model=FundingFlow,
        summed="reporting_amount",
        breakdowns=("purpose",),
        **ON_RESULT,
    ),
    Indicator(
        code="P38-i",
        name=_("South-South, triangular and South-North cooperation"),
        definition=_(
            "Share of the partnerships of known type that are South-South, "
            "triangular or South-North."
        ),
        formula=_(
            "South-South, triangular and South-North partnerships ÷ partnerships of "
            "any known type, started in the period × 100."
        ),
        unit=Unit.PERCENT,
        level=Level.OUTCOMES,
        source="¶38 (i)",
        model=Partnership,
        where=~Q(cooperation_type=""),
        numerator=Q(cooperation_type__in=["south_south", "triangular", "south_north"]),
        denominator=Q(),
        breakdowns=("cooperation_type",),
        **ON_PARTNERSHIP,
    ),
]
