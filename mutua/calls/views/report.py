"""The ranked shortlist and assessment report of a call, as a page and a PDF."""

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.responses import download

from .. import access
from .. import selectors
from ..assessment import FUNDING_RULE
from ..assessment import TIE_RULE
from ..report import report_pdf


def _readable(request: HttpRequest, uuid):
    call = access.call_for_user(request.user, uuid)
    if not access.may_see_report(request.user, call):
        raise PermissionDenied(_("The report is public once the shortlist is."))
    return call


@require_safe
def report(request: HttpRequest, uuid) -> HttpResponse:
    call = _readable(request, uuid)
    return render(
        request,
        "calls/report.html",
        {
            "call": call,
            "scopes": selectors.assessment_report(call),
            "tie_rule": TIE_RULE,
            "funding_rule": FUNDING_RULE if call.kind == call.Kind.GRANT else "",
        },
    )


@require_safe
def report_download(request: HttpRequest, uuid) -> HttpResponse:
    call = _readable(request, uuid)
    body = report_pdf(call, selectors.assessment_report(call))
    return download(body, "application/pdf", f"assessment-report-{call.uuid}.pdf")
