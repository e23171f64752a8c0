"""The annex's indicators of technologies co-created, capacity and awareness raised and
policies influenced (TSC-01 to TSC-10)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Technology

from ..models import Level
from .conditions import AWARENESS
from .conditions import CAPACITY
from .conditions import GRASSROOTS
from .conditions import ON_ACTIVITY
from .conditions import ON_RESULT
from .conditions import PEOPLE_ATTENDING
from .conditions import SOUTH_OR_IPLC_LEAD
from .conditions import share_of_partnerships
from .definition import Indicator
from .definition import Unit

TECHNOLOGY_AND_CAPACITY: list[Indicator] = [
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
        where=Q(activity__modality__code="technology_development"),
        numerator=Q(role="local_expert")
        | Q(stakeholder_type__in=["iplc", "grassroots"]),
        denominator=Q(),
        breakdowns=("stakeholder_type", "role", "gender"),
        **PEOPLE_ATTENDING,
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
        level=Level.OUTPUTS,
        source="annex: implementation at national level benefitting from regional support",
        **share_of_partnerships(Q(regionally_coordinated=True)),
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
        where=Q(activity__modality__code="awareness_raising"),
        numerator=Q(role="policymaker"),
        denominator=Q(),
        breakdowns=("gender",),
        **PEOPLE_ATTENDING,
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
]
