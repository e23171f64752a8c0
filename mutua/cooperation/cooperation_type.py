"""The type of a cooperation, derived from who takes part: the one place of the rule.

Each participant has a role, a country (or none) and whether it is an
intergovernmental body. Countries are developing or developed by the reference
data's grouping (`Country.development_group`).

The two sides are the **beneficiaries** and the **providers** (providers and
funders). A side is *South* when any of its countries is developing, *North*
when all of its countries are developed, and unknown when it has no country.

1. **Triangular**: a South beneficiary side and a South provider, with the
   support of a developed country (a developed provider, funder or facilitator)
   or of an intergovernmental body (in any role but beneficiary). Two or more
   developing countries, as the definition asks: the beneficiary's and the
   provider's, which may be the same country only if another developing country
   is also on either side.
2. Otherwise by the sides: South → South is **South-South**, North → South is
   **North-South**, South → North is **South-North**, North → North is
   **North-North** (provider side first).
3. An intergovernmental body is never a side, only the facilitating third party:
   a partnership whose providers have no country, or whose beneficiaries have
   none, has no type (None).
4. Cooperation within one country is not between countries: when the two sides
   have only one country between them, there is no type (None). A provider in
   the requester's own country is never South-South.

The coordinating regional centre is a facilitator.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class CooperationType(StrEnum):
    NORTH_SOUTH = "north_south"
    SOUTH_SOUTH = "south_south"
    TRIANGULAR = "triangular"
    SOUTH_NORTH = "south_north"
    NORTH_NORTH = "north_north"


BENEFICIARY = "beneficiary"
PROVIDERS = {"provider", "funder"}
SUPPORTERS = {"provider", "funder", "facilitator", "coordinating_centre"}


@dataclass(frozen=True)
class Participant:
    role: str  # beneficiary, provider, funder, facilitator, coordinating_centre
    country: str = ""  # ISO alpha-3, or "" (an intergovernmental body has none)
    developing: bool | None = None  # None: no country, or not grouped
    intergovernmental: bool = False


def _side(members: list[Participant]) -> str | None:
    grouped = [m.developing for m in members if m.country and m.developing is not None]
    if not grouped:
        return None
    return "south" if any(grouped) else "north"


def _developing_countries(members: Iterable[Participant]) -> set[str]:
    return {m.country for m in members if m.country and m.developing}


def cooperation_type(participants: Iterable[Participant]) -> CooperationType | None:
    """The type of cooperation among these participants (see the module's rules)."""
    everyone = list(participants)
    beneficiaries = [p for p in everyone if p.role == BENEFICIARY]
    providers = [p for p in everyone if p.role in PROVIDERS and not p.intergovernmental]
    receiving, giving = _side(beneficiaries), _side(providers)
    if receiving is None or giving is None:
        return None
    if len({p.country for p in beneficiaries + providers if p.country}) < 2:
        return None
    supported = any(
        p.role in SUPPORTERS
        and (p.intergovernmental or (p.country and p.developing is False))
        for p in everyone
    )
    southern = _developing_countries(beneficiaries) | _developing_countries(providers)
    if receiving == giving == "south" and supported and len(southern) >= 2:
        return CooperationType.TRIANGULAR
    return {
        ("south", "south"): CooperationType.SOUTH_SOUTH,
        ("north", "south"): CooperationType.NORTH_SOUTH,
        ("south", "north"): CooperationType.SOUTH_NORTH,
        ("north", "north"): CooperationType.NORTH_NORTH,
    }[giving, receiving]
