"""The arithmetic of a panel's assessment: totals, spreads, rankings, funding.

Pure, so that every rule a call states is checked by hand and by fast tests.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

DIVERGENCE = 0.30
"""Two totals further apart than this share of the higher one call a third
assessor: the rule the EEA Grants use."""

TIE_RULE = _(
    "Equal totals are ordered by the weighted score on the heaviest criterion, "
    "then the next, and then by the earlier submission."
)

FUNDING_RULE = _(
    "Eligible applications at or above the threshold are funded in rank order "
    "while the budget lasts: the first that does not fit what remains, and every "
    "one after it, is not funded, even a smaller one that would fit."
)


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: Decimal | float  # zero or more


def weighted_scores(
    scores: Mapping[str, int], criteria: Sequence[Criterion], scale: int
) -> tuple[Decimal, ...]:
    """Each criterion's part of the total out of 100, the heaviest first.

    In decimals, so that a total reads as worked out by hand. The order is the
    one the tie rule reads: equal weights keep the call's order.
    """
    if scale < 1:
        raise ValueError("The scale is at least 1.")
    weights = sum(Decimal(str(c.weight)) for c in criteria)
    if not weights or any(c.weight < 0 for c in criteria):
        raise ValueError("Weights are zero or more, and at least one is more.")
    parts = []
    for criterion in sorted(criteria, key=lambda c: -c.weight):
        score = scores.get(criterion.key)
        if score not in range(scale + 1):
            raise ValueError(f"No score 0 to {scale} for {criterion.key}.")
        parts.append(Decimal(str(criterion.weight)) * score * 100 / (scale * weights))
    return tuple(parts)


def weighted_total(
    scores: Mapping[str, int], criteria: Sequence[Criterion], scale: int
) -> float:
    """The score out of 100: each score's share of the scale, by its weight."""
    return total_of(weighted_scores(scores, criteria, scale))


def total_of(parts: Sequence[Decimal]) -> float:
    """The total of a sheet's weighted parts, to one decimal as read by hand."""
    return float(sum(parts, Decimal(0)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Spread:
    lowest: int
    highest: int

    @property
    def difference(self) -> int:
        return self.highest - self.lowest


def spread(
    sheets: Sequence[Mapping[str, int]], criteria: Sequence[Criterion]
) -> dict[str, Spread]:
    """How far the assessors' scores lie apart, criterion by criterion.

    A panel still at work sees where it already disagrees: the sheets that score
    a criterion count, and a criterion nobody scored yet is left out.
    """
    found = {}
    for criterion in criteria:
        given = [sheet[criterion.key] for sheet in sheets if criterion.key in sheet]
        if given:
            found[criterion.key] = Spread(min(given), max(given))
    return found


def diverges(totals: Sequence[float], share: float = DIVERGENCE) -> bool:
    """Whether two totals differ by more than `share` of the higher one.

    In decimals: a float's rounding would flag some differences of exactly it.
    """
    if len(totals) < 2:
        return False
    highest, lowest = (Decimal(str(t)) for t in (max(totals), min(totals)))
    return highest - lowest > Decimal(str(share)) * highest


@dataclass(frozen=True)
class Entry:
    key: str
    scope: str
    total: float
    by_criterion: tuple[Decimal | float, ...]  # heaviest first: `weighted_scores`
    submitted_at: datetime


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    position: int  # from 1, every entry its own: ties are broken by TIE_RULE
    shortlisted: bool


def shortlists(entries: Iterable[Entry], size: int) -> dict[str, list[Ranked]]:
    """Each scope's ranking, best first, its first `size` on the shortlist."""
    if size < 1:
        raise ValueError("A shortlist holds at least one entry.")
    scopes: dict[str, list[Entry]] = {}
    for e in sorted(
        entries, key=lambda e: (-e.total, [-s for s in e.by_criterion], e.submitted_at)
    ):
        scopes.setdefault(e.scope, []).append(e)
    return {
        scope: [Ranked(e, n, n <= size) for n, e in enumerate(ranking, 1)]
        for scope, ranking in scopes.items()
    }


class Reason(StrEnum):
    FUNDED = "funded"
    BELOW_THRESHOLD = "below_threshold"
    OVER_BUDGET = "over_budget"
    INELIGIBLE = "ineligible"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    Reason.FUNDED: _("Funded"),
    Reason.BELOW_THRESHOLD: _("Below the approval threshold"),
    Reason.OVER_BUDGET: _("Beyond what the budget funds"),
    Reason.INELIGIBLE: _("Not eligible"),
    Reason.WITHDRAWN: _("Withdrawn"),
}


@dataclass(frozen=True)
class Grant:
    key: str
    total: float
    amount: Decimal
    eligible: bool
    withdrawn: bool


@dataclass(frozen=True)
class Decision:
    key: str
    reason: Reason

    @property
    def funded(self) -> bool:
        return self.reason == Reason.FUNDED


def fund(
    grants: Iterable[Grant], *, budget: Decimal, threshold: float
) -> list[Decision]:
    """Who is funded, in rank order, while the budget lasts (FUNDING_RULE).

    Withdrawn, ineligible and below-threshold grants are passed over; the others
    are funded while their amounts fit what remains. The first that does not
    fit, and every one after it, are over budget: the ranking alone decides, so
    a smaller grant further down never skips ahead.
    """
    remaining, exhausted, decisions = budget, False, []
    for grant in grants:
        if grant.withdrawn:
            reason = Reason.WITHDRAWN
        elif not grant.eligible:
            reason = Reason.INELIGIBLE
        elif grant.total < threshold:
            reason = Reason.BELOW_THRESHOLD
        elif exhausted or grant.amount > remaining:
            exhausted = True
            reason = Reason.OVER_BUDGET
        else:
            remaining -= grant.amount
            reason = Reason.FUNDED
        decisions.append(Decision(grant.key, reason))
    return decisions
