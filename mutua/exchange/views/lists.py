"""The public lists of requests, offers and opportunities."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from mutua.core.responses import render_page_or_partial

from .. import browse
from .. import selectors
from ..browse import list_filters
from ..selectors import ListFilters
from .shared import KINDS
from .shared import HtmxHttpRequest
from .shared import page_links


@require_safe
@vary_on_headers("HX-Request")
def record_list(request: HtmxHttpRequest, kind: str) -> HttpResponse:
    """A public list with search, facets and pages.

    HTMX gets the results, with the count and the facet counts swapped out of
    band; htmx puts the focus back on the checkbox with the same id.
    """
    spec = KINDS[kind]
    filters, chosen = list_filters(request.GET)
    version = selectors.data_version(spec.model)
    queryset = spec.public(filters).prefetch_related("targets")
    page = selectors.page_of(
        queryset,
        request.GET.get("page"),
        size=settings.PAGE_SIZE,
        count=browse.count(spec.public, filters, version=version),
    )
    context = {
        "kind": spec,
        "page": page,
        "filters": filters,
        "filtered": filters != ListFilters(),
        "chosen_countries": chosen["country"],
        **page_links(page),
        "facets": browse.facets(
            spec.public,
            filters,
            chosen,
            names=spec.facets,
            country_path=spec.country_path,
            version=version,
        ),
    }
    return render_page_or_partial(request, "exchange/list.html", "results", context)
