"""Drafting a new record and changing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mutua.core.errors import PermissionDenied
from mutua.core.forms import run_service

from .. import access
from ..forms import FORMS
from ..services.listings import listing_create
from ..services.listings import listing_update
from ..services.requests import request_create
from ..services.requests import request_update
from .shared import KINDS
from .shared import record_for


def _save(request: HttpRequest, form, kind: str, record=None):
    """Call the service for a valid form; None when it refused the input."""

    def save(data: dict):
        if record is None and kind == "request":
            return request_create(by=request.user, **data)
        if record is None:
            return listing_create(KINDS[kind].model, by=request.user, **data)
        fields, seen = form.edits()
        if kind == "request":
            return request_update(request=record, by=request.user, seen=seen, **fields)
        return listing_update(listing=record, by=request.user, seen=seen, **fields)

    return run_service(form, save)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def record_new(request: HttpRequest, kind: str) -> HttpResponse:
    """Draft a new request, offer or opportunity."""
    spec = KINDS[kind]
    data = request.POST if request.method == "POST" else None
    form = FORMS[spec.model](data, user=request.user)
    if not form.may_submit():
        raise PermissionDenied(_REFUSALS[kind])
    if (record := _save(request, form, kind)) is not None:
        messages.success(request, _DRAFTED[kind])
        return redirect(record)
    return render(request, "exchange/form.html", {"form": form, "kind": spec})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def record_edit(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """Change a request, offer or opportunity its owner may still change."""
    record = record_for(request, kind, uuid)
    if not access.may_edit_record(request.user, record):
        raise PermissionDenied(_("You may not change this in its current status."))
    data = request.POST if request.method == "POST" else None
    form = FORMS[type(record)](data, instance=record, user=request.user)
    if (saved := _save(request, form, kind, record)) is not None:
        messages.success(request, _("Your changes are saved."))
        return redirect(saved)
    context = {"form": form, "kind": KINDS[kind], "record": record}
    return render(request, "exchange/form.html", context)


_REFUSALS = {
    "request": gettext_lazy(
        "Requests are submitted by a country's national focal points and by "
        "members of its organizations. Ask your organization to add you as a "
        "member, or register your organization first."
    ),
    "offer": gettext_lazy(
        "Offers are made by members of an organization, or by a national focal "
        "point for its country. Ask your organization to add you as a member."
    ),
    "opportunity": gettext_lazy(
        "Funding opportunities are published by members of the funding "
        "organization. Ask your organization to add you as a member."
    ),
}
_DRAFTED = {
    "request": gettext_lazy("Draft saved. Submit it when it is ready."),
    "offer": gettext_lazy("Draft saved. Publish it when it is ready."),
    "opportunity": gettext_lazy("Draft saved. Publish it when it is ready."),
}
