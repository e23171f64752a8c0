"""The annex's indicators of who takes part in partnerships, the resources for
South-South and triangular cooperation, and matchmaking (TSC-11 to TSC-19)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Partnership
from mutua.directory.models import Country

from ..models import Level
from .conditions import FUNDING_RECEIVED
from .conditions import ON_PARTNERSHIP
from .conditions import funded_of_type
from .conditions import of_type
from .conditions import regular_use
from .conditions import share_of_partnerships
from .conditions import with_participant_of
from .definition import Indicator
from .definition import Unit


def _participation(kind: str) -> dict:
    """Partnerships with a participant of one type of organization, as a share of
    all partnerships."""
    return {
        "level": Level.OUTPUTS,
        "source": "annex: TSC partnerships established and expanded",
        **share_of_partnerships(with_participant_of(kind)),
    }


def _funding_share(kind: str) -> dict:
    """The funding received by partnerships of one type, as a share of all funding."""
    return {
        "unit": Unit.PERCENT,
        "level": Level.OUTPUTS,
        "numerator": funded_of_type(kind),
        "denominator": Q(),
        **FUNDING_RECEIVED,
    }


def _per_north_south(kind: str) -> dict:
    """Partnerships of one type for every 100 North-South partnerships."""
    return {
        "unit": Unit.RATIO,
        "level": Level.OUTCOMES,
        "model": Partnership,
        "numerator": of_type(kind),
        "denominator": of_type("north_south"),
        **ON_PARTNERSHIP,
    }


PARTNERSHIPS_AND_RESOURCES: list[Indicator] = [
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
        **_participation("intergovernmental"),
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
        **_participation("private"),
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
        **_participation("ngo"),
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
        source="annex: resources made available for South-South cooperation",
        **_funding_share("south_south"),
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
        source="annex: resources made available for South-South cooperation",
        **_per_north_south("south_south"),
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
        source="annex: triangular cooperation sought",
        **_funding_share("triangular"),
    ),
    Indicator(
        code="TSC-17",
        name=_("Triangular agreements relative to North-South"),
        definition=_("Triangular partnerships for every 100 North-South partnerships."),
        formula=_(
            "Triangular partnerships ÷ North-South partnerships, started in the "
            "period × 100."
        ),
        source="annex: triangular cooperation sought",
        **_per_north_south("triangular"),
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
        numerator=regular_use,
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
        level=Level.OUTPUTS,
        source="annex: matchmaking operationalized",
        breakdowns=("origin",),
        **share_of_partnerships(Q(origin__in=["engine", "coordinator"])),
    ),
]
