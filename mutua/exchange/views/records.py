"""A record's page, and its lifecycle actions.

Offers and opportunities share one set of views (they share a lifecycle);
requests have their own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError

from .. import access
from .. import selectors
from ..forms.listings import RenewForm
from ..lifecycle import LISTING_ACTIONS
from ..lifecycle import REQUEST_ACTIONS
from ..models import Request
from ..services.listings import listing_transition
from ..services.requests import request_transition
from .queues import queue_item
from .shared import KINDS
from .shared import HtmxHttpRequest
from .shared import back_url
from .shared import record_for


@require_safe
def record_detail(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """A request, offer or opportunity: every field, its history, its actions."""
    record = record_for(request, kind, uuid)
    context = {
        "kind": KINDS[kind],
        "record": record,
        "actions": access.actions_allowed(request.user, record),
        "may_edit": access.may_edit_record(request.user, record),
        "transitions": selectors.history_of(record),
        "duplicates": selectors.duplicates_seen_by(request.user, record),
        "contacts": access.may_see_contact(request.user, record),
        "history_details": access.may_see_history_details(request.user, record),
    }
    return render(request, "exchange/detail.html", context)


def _transition(request: HttpRequest, record, action: str) -> None:
    reason = request.POST.get("reason", "")
    if isinstance(record, Request):
        request_transition(
            request=record, action=action, by=request.user, reason=reason
        )
        return
    renew = RenewForm(request.POST)
    listing_transition(
        listing=record,
        action=action,
        by=request.user,
        reason=reason,
        valid_until=renew.cleaned_data["valid_until"] if renew.is_valid() else None,
    )


@require_POST
@login_required
def record_act(request: HtmxHttpRequest, kind: str, uuid, action: str) -> HttpResponse:
    """Take one lifecycle action; from a work queue, HTMX gets the item back."""
    record = record_for(request, kind, uuid)
    actions = REQUEST_ACTIONS if kind == "request" else LISTING_ACTIONS
    if action not in actions:
        raise Http404("No such action.")
    if action == "withdraw" and request.POST.get("confirm") != "yes":
        return redirect(f"exchange:{kind}_withdraw", uuid=record.uuid)
    if (
        action == "publish"
        and kind == "request"
        and request.POST.get("confirm") != "yes"
        and any(
            a.name == "publish" for a in access.actions_allowed(request.user, record)
        )
    ):
        # Ask first, with the Akwé: Kon answer in view.
        return redirect("exchange:request_publish", uuid=record.uuid)
    try:
        _transition(request, record, action)
    except ValidationError as error:
        text = " ".join(error.messages)
        if request.htmx:
            return queue_item(request, record, error=text)
        messages.error(request, text)
        return redirect(back_url(request, record))
    record.refresh_from_db()
    done = _("%(title)s: %(status)s.") % {
        "title": record.title,
        "status": record.get_status_display(),
    }
    if request.htmx:
        return render(
            request, "exchange/queue.html#done", {"record": record, "done": done}
        )
    messages.success(request, done)
    return redirect(back_url(request, record))


@require_safe
@login_required
def record_withdraw(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """Ask before withdrawing: a withdrawn record cannot come back."""
    record = record_for(request, kind, uuid)
    if not any(
        a.name == "withdraw" for a in access.actions_allowed(request.user, record)
    ):
        raise PermissionDenied(_("You may not withdraw this."))
    return render(
        request, "exchange/confirm.html", {"record": record, "kind": KINDS[kind]}
    )


@require_safe
@login_required
def request_publish(request: HttpRequest, uuid) -> HttpResponse:
    """Ask before publishing, with the Akwé: Kon answer in view."""
    record = access.request_for_user(request.user, uuid)
    if not any(
        a.name == "publish" for a in access.actions_allowed(request.user, record)
    ):
        raise PermissionDenied(_("You may not publish this request."))
    return render(request, "exchange/publish.html", {"record": record})
