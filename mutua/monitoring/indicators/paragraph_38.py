"""The elements of ¶38 (a)–(i) that show progress (P38-a to P38-i)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Publication
from mutua.cooperation.models import Technology

from ..models import Level
from .conditions import FUNDING_RECEIVED
from .conditions import ON_PARTNERSHIP
from .conditions import ON_RESULT
from .conditions import PEOPLE_ATTENDING
from .conditions import share_of_partnerships
from .definition import Indicator
from .definition import Unit

PARAGRAPH_38: list[Indicator] = [
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
        breakdowns=("activity__modality__code", "gender"),
        **PEOPLE_ATTENDING,
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
        **FUNDING_RECEIVED,
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
        level=Level.OUTCOMES,
        source="¶38 (i)",
        where=~Q(cooperation_type=""),
        breakdowns=("cooperation_type",),
        **share_of_partnerships(
            Q(cooperation_type__in=["south_south", "triangular", "south_north"])
        ),
    ),
]
