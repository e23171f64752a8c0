"""API shapes of monitoring."""

from typing import Literal

from ninja import Field, Schema

from mutua.core.schemas import QueryIn
from mutua.directory.schemas import M49, TargetNumber

from .indicators.definition import Indicator
from .indicators.registry import INDICATORS
from .selectors import GROUPS, dimensions

# Every breakdown some indicator has; each indicator lists its own in `dimensions`.
DIMENSIONS = tuple(dict.fromkeys(d for i in INDICATORS for d in dimensions(i)))


class IndicatorOut(Schema):
    code: str
    name: str
    definition: str
    formula: str
    unit: str
    level: str
    source: str = Field(..., description="Where in CBD/COP/15/12 it comes from.")
    is_share: bool
    dimensions: list[str] = Field(..., description="Ways its value breaks down.")

    @staticmethod
    def resolve_dimensions(obj: Indicator) -> list[str]:
        return list(dimensions(obj))

    # Texts are translated when they are sent.
    @staticmethod
    def resolve_name(obj: Indicator) -> str:
        return str(obj.name)

    @staticmethod
    def resolve_definition(obj: Indicator) -> str:
        return str(obj.definition)

    @staticmethod
    def resolve_formula(obj: Indicator) -> str:
        return str(obj.formula)

    @staticmethod
    def resolve_unit(obj: Indicator) -> str:
        return str(obj.unit)


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
    label: str
    numerator: float
    denominator: float | None
    value: float | None = Field(..., description="None for a share of nothing.")

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.label)


class IndicatorValuesOut(Schema):
    indicator: IndicatorOut
    year: int
    value: ValueOut
    breakdown: list[ValueOut]
