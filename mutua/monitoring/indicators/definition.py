"""What an indicator is: its code, words, unit and level, and the records it counts."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Level


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
