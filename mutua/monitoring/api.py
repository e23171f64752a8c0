"""API of monitoring: the registered indicators and their values, as on the pages."""

from django.http import Http404
from django.utils import timezone
from ninja import Query
from ninja import Router

from mutua.core.api import READS
from mutua.core.errors import NotFound
from mutua.core.schemas import error_responses
from mutua.directory.models import Region
from mutua.directory.schemas import resolve_code

from . import selectors
from . import time_to_help
from .indicators.registry import INDICATORS
from .schemas import IndicatorOut
from .schemas import IndicatorValuesOut
from .schemas import PlaceQuery
from .schemas import ScopeQuery
from .schemas import TimeToHelpOut

router = Router(tags=["monitoring"])


@router.get(
    "/indicators", response={200: list[IndicatorOut], **error_responses()}, **READS
)
def list_indicators(request):
    """Every KPI of the annex and element of ¶38: definition, formula, unit, level."""
    return INDICATORS


@router.get(
    "/indicators/{code}/values",
    response={200: IndicatorValuesOut, **error_responses()},
    **READS,
)
def get_indicator_values(request, code: str, query: Query[ScopeQuery]):
    """An indicator's value for a year and scope, broken down one way."""
    indicator = selectors.indicator(code)
    if indicator is None:
        raise Http404("No such indicator.")
    if query.by not in selectors.dimensions(indicator):
        # A breakdown this indicator does not have, like a page past the last.
        raise NotFound(
            {
                "by": f"{indicator.code} breaks down by one of: "
                f"{', '.join(selectors.dimensions(indicator))}."
            }
        )
    year = query.year or timezone.localdate().year
    scope = _scope(year, query, target=query.target)
    return {
        "indicator": indicator,
        "year": year,
        "value": selectors.value(indicator, scope),
        "breakdown": selectors.by(indicator, scope, query.by),
    }


def _scope(year: int, query, target: int | None = None) -> selectors.Scope:
    region = None
    if query.region:
        region = resolve_code(Region, query.region, field="region")
    return selectors.Scope.year(
        year, region=region, group=query.group or "", target=target
    )


@router.get(
    "/time-to-help",
    response={200: TimeToHelpOut, **error_responses()},
    **READS,
)
def get_time_to_help(request, query: Query[PlaceQuery]):
    """Days from a request's submission to its publication, first proposal,
    first accepted match and partnership (median and 90th percentile), for the
    requests first submitted in a year, in a region or country group; and the
    year's proposals answered within their window."""
    year = query.year or timezone.localdate().year
    scope = _scope(year, query)
    answered = time_to_help.answered_in_time(scope)
    return {
        "year": year,
        "stages": time_to_help.stages(scope),
        "proposals_closed": answered.closed,
        "proposals_answered_in_time": answered.in_time,
    }
