"""API shapes of monitoring."""

from typing import Annotated
from typing import Literal

from ninja import Field
from ninja import Schema
from pydantic import BeforeValidator

from mutua.core.schemas import QueryIn
from mutua.directory.schemas import M49
from mutua.directory.schemas import TargetNumber

from .indicators.definition import Indicator
from .indicators.registry import INDICATORS
from .selectors import GROUPS
from .selectors import dimensions

# Every breakdown some indicator has; each indicator lists its own in `dimensions`.
DIMENSIONS = tuple(dict.fromkeys(d for i in INDICATORS for d in dimensions(i)))

# A text held for translation, translated when it is sent.
Translated = Annotated[str, BeforeValidator(str)]


class IndicatorOut(Schema):
    code: str
    name: Translated
    definition: Translated
    formula: Translated
    unit: Translated
    level: str
    source: str = Field(..., description="Where in CBD/COP/15/12 it comes from.")
    is_share: bool
    dimensions: list[str] = Field(..., description="Ways its value breaks down.")

    @staticmethod
    def resolve_dimensions(obj: Indicator) -> list[str]:
        return list(dimensions(obj))


class ScopeQuery(QueryIn):
    year: int | None = Field(None, ge=2000, le=2100)
    region: M49 | None = None
    group: Literal[tuple(GROUPS)] | None = None
    target: TargetNumber | None = None
    by: Literal[DIMENSIONS] = Field(
        "year", description="One of the indicator's dimensions."
    )


class ValueOut(Schema):
    key: str | int | None
    label: Translated
    numerator: float
    denominator: float | None
    value: float | None = Field(..., description="None for a share of nothing.")


class IndicatorValuesOut(Schema):
    indicator: IndicatorOut
    year: int
    value: ValueOut
    breakdown: list[ValueOut]


class PlaceQuery(QueryIn):
    year: int | None = Field(None, ge=2000, le=2100, description="Of submission.")
    region: M49 | None = None
    group: Literal[tuple(GROUPS)] | None = None


class StageOut(Schema):
    key: str
    label: Translated
    count: int = Field(..., description="Requests that reached the stage.")
    median_days: float | None
    p90_days: float | None


class TimeToHelpOut(Schema):
    year: int
    stages: list[StageOut]
    proposals_closed: int = Field(
        ..., description="Proposals of the year answered, declined or lapsed."
    )
    proposals_answered_in_time: int
