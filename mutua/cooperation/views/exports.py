"""Downloads of the listed partnerships: tables, and IATI 2.03 activities."""

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mutua.core.responses import download

from .. import exports
from .. import iati
from .. import selectors
from .partnerships import listed


@require_safe
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A table of the listed partnerships, or of what they did and produced."""
    if table not in selectors.TABLES or fmt not in exports.FORMATS:
        raise Http404(_("No such export."))
    content_type, write = exports.FORMATS[fmt]
    chosen = listed(request).values("pk")
    records = selectors.TABLES[table](chosen).order_by("pk")
    return download(write(table, records), content_type, f"{table}.{fmt}")


@require_safe
def export_iati(request: HttpRequest) -> HttpResponse:
    """The listed partnerships as IATI 2.03 activities."""
    partnerships = listed(request).order_by("pk")
    if not partnerships.exists():
        raise Http404(_("No partnership to export."))
    return download(
        iati.activities_xml(partnerships), "application/xml", "partnerships-iati.xml"
    )
