"""The arithmetic of a panel's assessment: totals, spreads, rankings, funding.

Pure, so that every rule a call states is checked by hand and by fast tests.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

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


@dataclass(frozen=True)
class Weighing:
    """A call's weights, prepared once to weigh many score sheets.

    Weights become integers in the same proportions, so that a sheet is weighed
    in integers and its total rounded once, exactly: thousands of sheets weigh
    in milliseconds, and a total reads as worked out by hand.
    """

    keys: tuple[str, ...]  # the criteria, heaviest first (equal weights: in order)
    weights: tuple[int, ...]
    scale: int

    @classmethod
    def of(cls, criteria: Sequence[Criterion], scale: int) -> "Weighing":
        if scale < 1:
            raise ValueError("The scale is at least 1.")
        ordered = sorted(criteria, key=lambda c: -c.weight)
        weights = [Decimal(str(c.weight)) for c in ordered]
        if not sum(weights) or any(w < 0 for w in weights):
            raise ValueError("Weights are zero or more, and at least one is more.")
        places = max(-min(w.as_tuple().exponent, 0) for w in weights)
        return cls(
            tuple(c.key for c in ordered),
            tuple(int(w.scaleb(places)) for w in weights),
            scale,
        )

    def points(self, scores: Mapping[str, int]) -> tuple[int, ...]:
        """Each criterion's weight times its score, heaviest first."""
        found = []
        for key, weight in zip(self.keys, self.weights, strict=True):
            score = scores.get(key)
            if score not in range(self.scale + 1):
                raise ValueError(f"No score 0 to {self.scale} for {key}.")
            found.append(weight * score)
        return tuple(found)

    def total(self, points: int) -> float:
        """A sheet's total out of 100 from its points (the sum of `points`, as a
        database can add them up), to one decimal, halves rounded up."""
        tenths, rest = divmod(points * 1000, self.scale * sum(self.weights))
        if 2 * rest >= self.scale * sum(self.weights):
            tenths += 1
        return tenths / 10


def weighted_total(
    scores: Mapping[str, int], criteria: Sequence[Criterion], scale: int
) -> float:
    """The score out of 100: each score's share of the scale, by its weight."""
    weighing = Weighing.of(criteria, scale)
    return weighing.total(sum(weighing.points(scores)))


@dataclass(frozen=True)
class Spread:
    lowest: int
    highest: int

    @property
    def difference(self) -> int:
        return self.highest - self.lowest


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
    by_criterion: tuple[Decimal | float | Fraction, ...]  # heaviest first
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
