"""The cooperation type on hand-worked cases, edge cases included."""

import pytest

from mutua.cooperation.cooperation_type import CooperationType as T
from mutua.cooperation.cooperation_type import Participant
from mutua.cooperation.cooperation_type import cooperation_type

SOUTH = {"MWI", "ZMB", "ZAF", "BRA", "BOL", "KEN", "FJI"}


def p(role: str, country: str = "", *, igo: bool = False) -> Participant:
    developing = None if not country else country in SOUTH
    return Participant(role, country, developing, intergovernmental=igo)


UNEP = p("facilitator", igo=True)


@pytest.mark.parametrize(
    ("participants", "expected"),
    [
        ([p("provider", "DEU"), p("beneficiary", "MWI")], T.NORTH_SOUTH),
        ([p("provider", "ZAF"), p("beneficiary", "MWI")], T.SOUTH_SOUTH),
        ([p("provider", "BRA"), p("beneficiary", "NOR")], T.SOUTH_NORTH),
        ([p("provider", "DEU"), p("beneficiary", "FRA")], T.NORTH_NORTH),
        # A developed funder supports two developing countries.
        ([p("provider", "ZAF"), p("beneficiary", "MWI"), p("funder", "DEU")], T.TRIANGULAR),
        # A developed facilitator does too.
        ([p("provider", "ZAF"), p("beneficiary", "MWI"), p("facilitator", "JPN")], T.TRIANGULAR),
        # An intergovernmental body is the facilitating third party.
        ([p("provider", "ZAF"), p("beneficiary", "MWI"), UNEP], T.TRIANGULAR),
        # ... even as a provider, where it is not a side.
        ([p("provider", "ZAF"), p("beneficiary", "MWI"), p("provider", igo=True)], T.TRIANGULAR),
        # A North provider with a multilateral partner is still North-South:
        # triangular needs two developing countries.
        ([p("provider", "DEU"), p("beneficiary", "MWI"), UNEP], T.NORTH_SOUTH),
        # One developing country on both sides is not two: cooperation within a
        # country has no type, even with a multilateral partner.
        ([p("provider", "MWI"), p("beneficiary", "MWI"), UNEP], None),
        ([p("provider", "MWI"), p("beneficiary", "MWI")], None),
        ([p("provider", "DEU"), p("beneficiary", "DEU")], None),
        # ... but a second country on either side makes it cooperation again.
        ([p("provider", "MWI"), p("provider", "ZMB"), p("beneficiary", "MWI")], T.SOUTH_SOUTH),
        # A regional centre of a developing country facilitates South-South.
        ([p("provider", "ZAF"), p("beneficiary", "MWI"), p("coordinating_centre", "KEN")], T.SOUTH_SOUTH),
        # Several beneficiaries: any developing one makes the side South.
        ([p("provider", "DEU"), p("beneficiary", "MWI"), p("beneficiary", "ZMB")], T.NORTH_SOUTH),
        ([p("provider", "ZAF"), p("beneficiary", "NOR"), p("beneficiary", "FJI")], T.SOUTH_SOUTH),
        # An IPLC organization counts by its country.
        ([p("provider", "BRA"), p("beneficiary", "NOR")], T.SOUTH_NORTH),
        ([p("provider", "DEU"), p("beneficiary", "BOL")], T.NORTH_SOUTH),
        # Mixed providers: the developed one supports the developing one.
        ([p("provider", "DEU"), p("provider", "BRA"), p("beneficiary", "BOL")], T.TRIANGULAR),
        # No provider country: no type.
        ([p("provider", igo=True), p("beneficiary", "MWI")], None),
        ([p("beneficiary", "MWI")], None),
        # No beneficiary country, or an ungrouped one: no type.
        ([p("provider", "ZAF"), p("beneficiary")], None),
        ([p("provider", "ZAF"), Participant("beneficiary", "ATA", None)], None),
    ],
)  # fmt: skip
def test_hand_worked_cases(participants, expected):
    assert cooperation_type(participants) == expected


def test_the_order_of_participants_does_not_matter():
    people = [p("funder", "DEU"), p("beneficiary", "MWI"), p("provider", "ZAF")]
    assert (
        cooperation_type(people) == cooperation_type(reversed(people)) == T.TRIANGULAR
    )
