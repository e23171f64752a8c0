"""Indicator values, computed in the database for a period and a scope.

Every value is an aggregate of one query (or one a year for indicators counted over
Parties), and `records` gives the rows behind it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import F
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.exports import Table
from mutua.directory.models import Country
from mutua.directory.models import CountryGroup
from mutua.directory.models import GbfTarget
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import TargetGroup
from mutua.directory.models import group_condition

from .indicators import registry
from .indicators.definition import Indicator
from .models import ChangeStep

# The dashboard's country groups, by the key its filter and the API take, each
# named by its acronym where it has one (charts have little room).
GROUPS = {
    group.value.lower(): (group.value if group.value.isupper() else group.label, group)
    for group in (
        CountryGroup.LDC,
        CountryGroup.SIDS,
        CountryGroup.LLDC,
        CountryGroup.DEVELOPING,
    )
}
PLACES = ("region", "subregion", "intermediate_region")


@dataclass(frozen=True)
class Scope:
    """Which records count: a period (end excluded) and optional place and target."""

    start: dt.date
    end: dt.date
    region: Region | None = None
    group: str = ""
    target: int | None = None

    @classmethod
    def year(cls, year: int, **kwargs) -> "Scope":
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), **kwargs)


@dataclass(frozen=True)
class Value:
    key: object
    label: str
    numerator: float
    denominator: float | None
    value: float | None


def indicator(code: str) -> Indicator | None:
    return next((i for i in registry.INDICATORS if i.code == code), None)


def _path(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def replace_year(scope: Scope, year: int) -> Scope:
    """The same place, group and target in another year."""
    return Scope.year(year, region=scope.region, group=scope.group, target=scope.target)


def countries_of_scope(scope: Scope) -> list[int] | None:
    """The ids of the countries in the scope's place, or None for everywhere.

    A list of ids lets the database filter records by their country column alone,
    without joining the countries (a region is a few dozen of them).
    """
    if scope.region is None and not scope.group:
        return None
    countries = Country.objects.all()
    if scope.region is not None:
        countries = countries.filter(
            Q.create([(level, scope.region) for level in PLACES], connector=Q.OR)
        )
    if scope.group:
        countries = countries.filter(group_condition(GROUPS[scope.group][1]))
    return list(countries.values_list("pk", flat=True))


def _place_filter(indicator: Indicator, scope: Scope) -> Q:
    where = Q()
    countries = countries_of_scope(scope)
    if countries is not None:
        where &= Q(**{_path(indicator.country, "pk__in"): countries})
    if scope.target is not None and indicator.targets:
        where &= Q(**{f"{indicator.targets}__number": scope.target})
    return where


def _period(indicator: Indicator, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{indicator.date}__gte": start, f"{indicator.date}__lt": end})


def _numerator(indicator: Indicator, scope: Scope) -> Q:
    made = indicator.numerator
    return made(scope.start, scope.end) if callable(made) else made


def _in_scope(indicator: Indicator, scope: Scope) -> QuerySet:
    records = indicator.model.objects.filter(
        indicator.where, _place_filter(indicator, scope)
    )
    if indicator.date:
        records = records.filter(_period(indicator, scope.start, scope.end))
    return records


def _measure(indicator: Indicator, where: Q):
    if indicator.summed:
        return Sum(indicator.summed, filter=where, default=0)
    return Count("pk", filter=where)


def _aggregates(indicator: Indicator, scope: Scope, extra: Q | None = None) -> dict:
    extra = extra or Q()
    measures = {"n": _measure(indicator, _numerator(indicator, scope) & extra)}
    if indicator.is_share:
        measures["d"] = _measure(indicator, indicator.denominator & extra)
    return measures


def _value(indicator: Indicator, key, label: str, row: dict) -> Value:
    numerator = float(row["n"] or 0)
    if not indicator.is_share:
        return Value(key, label, numerator, None, numerator)
    denominator = float(row["d"] or 0)
    share = round(100 * numerator / denominator, 1) if denominator else None
    return Value(key, label, numerator, denominator, share)


def value(indicator: Indicator, scope: Scope) -> Value:
    """The indicator's one value for the scope."""
    row = _in_scope(indicator, scope).aggregate(**_aggregates(indicator, scope))
    return _value(indicator, None, "", row)


def by_year(indicator: Indicator, scope: Scope) -> list[Value]:
    """One value a calendar year of the scope's period: the trend."""
    years = range(
        scope.start.year, scope.end.year + (scope.end.month > 1 or scope.end.day > 1)
    )
    if not indicator.date:
        return [
            _value(indicator, y, str(y), _row_of(value(indicator, _clip(scope, y))))
            for y in years
        ]
    year = ExtractYear(indicator.date)
    rows = (
        _in_scope(indicator, scope)
        .annotate(key=year)
        .values("key")
        .annotate(**_aggregates(indicator, scope))
    )
    found = {row["key"]: row for row in rows}
    empty = {"n": 0, "d": 0}
    return [_value(indicator, y, str(y), found.get(y, empty)) for y in years]


def _clip(scope: Scope, year: int) -> Scope:
    start = max(scope.start, dt.date(year, 1, 1))
    end = min(scope.end, dt.date(year + 1, 1, 1))
    return Scope(start, end, scope.region, scope.group, scope.target)


def _row_of(value: Value) -> dict:
    return {"n": value.numerator, "d": value.denominator}


def dimensions(indicator: Indicator) -> tuple[str, ...]:
    """The ways this indicator's value can be broken down."""
    places = (*PLACES, "group")
    target = ("target",) if indicator.targets else ()
    year = ("year",)
    return year + places + target + indicator.breakdowns


DIMENSION_LABELS = {
    "year": _("Year"),
    "region": _("Region"),
    "subregion": _("Subregion"),
    "intermediate_region": _("Intermediate region"),
    "group": _("Country group"),
    "target": _("GBF target"),
}


def dimension_label(indicator: Indicator, dimension: str) -> str:
    if dimension in DIMENSION_LABELS:
        return DIMENSION_LABELS[dimension]
    field = _field(indicator.model, dimension)
    if dimension.endswith("__code"):
        field = _field(indicator.model, dimension.removesuffix("__code"))
    return capfirst(field.verbose_name)


def by(indicator: Indicator, scope: Scope, dimension: str) -> list[Value]:
    """The value broken down by one dimension (see `dimensions`)."""
    if dimension not in dimensions(indicator):
        raise ValueError(f"{indicator.code} has no breakdown by {dimension}")
    if dimension == "year":
        return by_year(indicator, scope)
    if dimension == "group":
        return _by_group(indicator, scope)
    if dimension in PLACES:
        path = _path(indicator.country, dimension)
    elif dimension == "target":
        path = f"{indicator.targets}__number"
    else:
        path = dimension
    rows = (
        _in_scope(indicator, scope)
        .values(key=F(path))
        .annotate(**_aggregates(indicator, scope))
        .order_by("key")
    )
    rows = [row for row in rows if row["key"] is not None]
    labels = _labels(indicator, dimension, [row["key"] for row in rows])
    return [
        _value(indicator, r["key"], labels.get(r["key"], str(r["key"])), r)
        for r in rows
    ]


def _by_group(indicator: Indicator, scope: Scope) -> list[Value]:
    measures = {}
    for name, (_label, group) in GROUPS.items():
        place = group_condition(group, _path(indicator.country, ""))
        for key, measure in _aggregates(indicator, scope, place).items():
            measures[f"{key}_{name}"] = measure
    row = _in_scope(indicator, scope).aggregate(**measures)
    return [
        _value(
            indicator, name, label, {"n": row[f"n_{name}"], "d": row.get(f"d_{name}")}
        )
        for name, (label, _group) in GROUPS.items()
    ]


def _labels(indicator: Indicator, dimension: str, keys: list) -> dict:
    if dimension in PLACES:
        return dict(Region.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "target":
        return {t.number: str(t) for t in GbfTarget.objects.filter(number__in=keys)}
    terms = {"modality__code": Modality, "target_groups__code": TargetGroup}
    for suffix, model in terms.items():
        if dimension.endswith(suffix):
            return dict(model.objects.filter(code__in=keys).values_list("code", "name"))
    return dict(_field(indicator.model, dimension).flatchoices)


def _field(model, path: str):
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def records(indicator: Indicator, scope: Scope, part: str = "numerator") -> QuerySet:
    """The records behind a value: those counted, or those divided by."""
    where = (
        _numerator(indicator, scope) if part == "numerator" else indicator.denominator
    )
    return _with_what_they_show(_in_scope(indicator, scope).filter(where or Q()))


def _with_what_they_show(records: QuerySet) -> QuerySet:
    """A record's name and link read its partnership, an attendance's through its
    activity: fetched with the records rather than one query a row."""
    fields = {field.name for field in records.model._meta.fields}
    if "partnership" in fields:
        records = records.select_related("partnership")
    elif "activity" in fields:
        records = records.select_related("activity__partnership")
    return records.distinct()


def change_steps() -> dict[str, list[ChangeStep]]:
    steps: dict[str, list[ChangeStep]] = {}
    for step in ChangeStep.objects.all():
        steps.setdefault(step.level, []).append(step)
    return steps


def change_step_list() -> QuerySet[ChangeStep]:
    return ChangeStep.objects.all()


def change_step(pk: int) -> ChangeStep:
    return get_object_or_404(ChangeStep, pk=pk)


def indicators_at(level: str) -> list[Indicator]:
    """The indicators of one level of the Theory of Change."""
    return [i for i in registry.INDICATORS if i.level == level]


TREND_YEARS = 5


@dataclass(frozen=True)
class Tile:
    indicator: Indicator
    trend: list[Value]

    @property
    def current(self) -> Value:
        return self.trend[-1]


def indicator_rows(tiles: Iterable[Tile]) -> list[tuple]:
    """One row per indicator per year of the dashboard's trend, values as computed."""
    return [
        (
            tile.indicator.code,
            str(tile.indicator.name),
            str(tile.indicator.unit),
            point.key,
            point.numerator,
            point.denominator,
            point.value,
        )
        for tile in tiles
        for point in tile.trend
    ]


# Its records are the rows `indicator_rows` made, so a row is taken as it is.
INDICATOR_TABLE = Table(
    name="indicators",
    columns=("code", "name", "unit", "year", "numerator", "denominator", "value"),
    row=tuple,
)


def year_values(
    year: int, region: Region | None = None, group: str = "", target: int | None = None
) -> list[tuple[Indicator, Value]]:
    """Every indicator's value for one year: what the dashboard shows first."""
    scope = Scope.year(year, region=region, group=group, target=target)
    return [(i, value(i, scope)) for i in registry.INDICATORS]


def dashboard(
    year: int, region: Region | None = None, group: str = "", target: int | None = None
) -> list[Tile]:
    """Every indicator for a year, with its trend over the years before it.

    Five years take a few times longer than one: the dashboard page shows the
    year's values first (`year_values`) and fetches these trends after.
    """
    scope = Scope(dt.date(year - TREND_YEARS + 1, 1, 1), dt.date(year + 1, 1, 1))
    scope = Scope(scope.start, scope.end, region, group, target)
    return [Tile(i, by_year(i, scope)) for i in registry.INDICATORS]
