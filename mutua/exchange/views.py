"""Pages of the exchange: public lists, details, forms, lifecycle actions, queues.

Offers and opportunities share one set of views (they share a lifecycle);
requests have their own. HTMX requests get the named fragment of the same
template; every page also works without JavaScript.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from mutua.core.errors import PermissionDenied, ValidationError
from mutua.core.forms import run_service
from mutua.directory import access as directory

from . import access, browse, selectors
from .browse import list_filters
from .forms import FORMS
from .forms.listings import RenewForm
from .lifecycle import LISTING_ACTIONS, REQUEST_ACTIONS, Action, actions_from
from .models import Offer, Opportunity, Request
from .selectors import ListFilters
from .services.listings import listing_create, listing_transition, listing_update
from .services.requests import request_create, request_transition, request_update


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass(frozen=True)
class Kind:
    """What differs between the three lists: model, selector, facets, wording."""

    name: str
    plural: str
    model: type
    public: Callable[[ListFilters], QuerySet]
    country_path: str
    facets: tuple[str, ...]
    title: str
    new_title: str
    empty: str

    @property
    def list_url(self) -> str:
        return reverse(f"exchange:{self.plural}")

    @property
    def new_url(self) -> str:
        return reverse(f"exchange:{self.name}_new")


ALL_FACETS = ("targets", "modalities", "resources", "languages", "regions")
KINDS = {
    "request": Kind(
        "request",
        "requests",
        Request,
        selectors.public_requests,
        "country",
        (*ALL_FACETS, "subregions", "groups"),
        gettext_lazy("Requests"),
        gettext_lazy("New request"),
        gettext_lazy("No published requests match"),
    ),
    "offer": Kind(
        "offer",
        "offers",
        Offer,
        selectors.public_offers,
        "country",
        (*ALL_FACETS, "subregions", "groups"),
        gettext_lazy("Offers"),
        gettext_lazy("New offer"),
        gettext_lazy("No published offers match"),
    ),
    "opportunity": Kind(
        "opportunity",
        "opportunities",
        Opportunity,
        selectors.public_opportunities,
        "organization__country",
        ("targets", "modalities", "languages", "regions", "subregions"),
        gettext_lazy("Funding opportunities"),
        gettext_lazy("New funding opportunity"),
        gettext_lazy("No published funding opportunities match"),
    ),
}
QUEUE_ACTIONS = {"endorse", "send_back", "decline", "publish", "clarify", "reject"}


def _pages(page) -> dict:
    """The page numbers to link to, with gaps, for a page of a list."""
    return {
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "ellipsis": page.paginator.ELLIPSIS,
    }


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
    partial = request.htmx and not request.htmx.history_restore_request
    context = {
        "kind": spec,
        "page": page,
        "filters": filters,
        "filtered": filters != ListFilters(),
        "chosen_countries": chosen["country"],
        **_pages(page),
        "facets": browse.facets(
            spec.public,
            filters,
            chosen,
            names=spec.facets,
            country_path=spec.country_path,
            version=version,
        ),
    }
    template = "exchange/list.html#results" if partial else "exchange/list.html"
    return render(request, template, context)


# Details and lifecycle actions --------------------------------------------------


def _record_for(request: HttpRequest, kind: str, uuid):
    if kind == "request":
        return access.request_for_user(request.user, uuid)
    return access.listing_for_user(KINDS[kind].model, request.user, uuid)


def _actions(user, record, only: set[str] | None = None) -> list[Action]:
    """The lifecycle actions this user may take on this record now."""
    if isinstance(record, Request):
        possible = actions_from(REQUEST_ACTIONS, record.status)
        allowed = [
            a for a in possible if access.may_act_on_request(user, record, a.name)
        ]
    else:
        possible = actions_from(LISTING_ACTIONS, record.status)
        allowed = [
            a for a in possible if access.may_act_on_listing(user, record, a.name)
        ]
    return [a for a in allowed if only is None or a.name in only]


def _may_edit(user, record) -> bool:
    if isinstance(record, Request):
        return access.may_edit_request(user, record)
    return access.owns_listing(user, record) and record.status != Offer.Status.WITHDRAWN


def _duplicates(user, record) -> list[Request]:
    if not isinstance(record, Request):
        return []
    if not access.may_see_duplicates(user, record):
        return []
    alike = record.possible_duplicates.select_related(
        "country", "organization"
    ).order_by("-created_at")
    return [other for other in alike if access.may_view_request(user, other)]


@require_safe
def record_detail(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """A request, offer or opportunity: every field, its history, its actions."""
    record = _record_for(request, kind, uuid)
    context = {
        "kind": KINDS[kind],
        "record": record,
        "actions": _actions(request.user, record),
        "may_edit": _may_edit(request.user, record),
        "transitions": list(record.transitions.select_related("by")),
        "duplicates": _duplicates(request.user, record),
        "contacts": access.may_see_contact(request.user, record),
        "history_details": access.may_see_history_details(request.user, record),
    }
    return render(request, "exchange/detail.html", context)


def _back(request: HttpRequest, record) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return record.get_absolute_url()


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
    record = _record_for(request, kind, uuid)
    actions = REQUEST_ACTIONS if kind == "request" else LISTING_ACTIONS
    if action not in actions:
        raise Http404("No such action.")
    if action == "withdraw" and request.POST.get("confirm") != "yes":
        return redirect(f"exchange:{kind}_withdraw", uuid=record.uuid)
    if (
        action == "publish"
        and kind == "request"
        and request.POST.get("confirm") != "yes"
        and any(a.name == "publish" for a in _actions(request.user, record))
    ):
        # Ask first, with the Akwé: Kon answer in view.
        return redirect("exchange:request_publish", uuid=record.uuid)
    try:
        _transition(request, record, action)
    except ValidationError as error:
        text = " ".join(error.messages)
        if request.htmx:
            return _queue_item(request, record, error=text)
        messages.error(request, text)
        return redirect(_back(request, record))
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
    return redirect(_back(request, record))


@require_safe
@login_required
def record_withdraw(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """Ask before withdrawing: a withdrawn record cannot come back."""
    record = _record_for(request, kind, uuid)
    if not any(a.name == "withdraw" for a in _actions(request.user, record)):
        raise PermissionDenied(_("You may not withdraw this."))
    return render(
        request, "exchange/confirm.html", {"record": record, "kind": KINDS[kind]}
    )


@require_safe
@login_required
def request_publish(request: HttpRequest, uuid) -> HttpResponse:
    """Ask before publishing, with the Akwé: Kon answer in view."""
    record = access.request_for_user(request.user, uuid)
    if not any(a.name == "publish" for a in _actions(request.user, record)):
        raise PermissionDenied(_("You may not publish this request."))
    return render(request, "exchange/publish.html", {"record": record})


# Forms ------------------------------------------------------------------------


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
    record = _record_for(request, kind, uuid)
    if not _may_edit(request.user, record):
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


# Work queues and my work --------------------------------------------------------


def _queue_item(request: HttpRequest, record: Request, error: str = "") -> HttpResponse:
    record.available = _actions(request.user, record, QUEUE_ACTIONS)
    context = {"record": record, "error": error, "back": _back(request, record)}
    return render(request, "exchange/queue.html#item", context)


def _queue(request: HttpRequest, queryset: QuerySet, **context) -> HttpResponse:
    page = selectors.page_of(
        queryset.prefetch_related("possible_duplicates"),
        request.GET.get("page"),
        size=settings.PAGE_SIZE,
    )
    for record in page:
        record.available = _actions(request.user, record, QUEUE_ACTIONS)
    context |= {"page": page, "back": request.get_full_path(), **_pages(page)}
    return render(request, "exchange/queue.html", context)


@require_safe
@login_required
def review(request: HttpRequest) -> HttpResponse:
    """Requests under review in the regions the coordinator serves."""
    user = request.user
    allowed = directory.is_secretariat(user) or directory.coordinated_region_ids(user)
    return _queue(
        request,
        selectors.review_queue(user) if allowed else Request.objects.none(),
        allowed=bool(allowed),
        queue="review",
    )


@require_safe
@login_required
def endorse(request: HttpRequest) -> HttpResponse:
    """Requests of the focal point's countries awaiting endorsement."""
    user = request.user
    allowed = directory.is_secretariat(user) or directory.focal_point_country_ids(user)
    return _queue(
        request,
        selectors.endorsement_queue(user) if allowed else Request.objects.none(),
        allowed=bool(allowed),
        queue="endorse",
    )


@require_safe
@login_required
def me(request: HttpRequest) -> HttpResponse:
    """My requests, offers and opportunities, and the queues I work on."""
    user = request.user
    context = {
        "requests": selectors.requests_of(user)[:50],
        "offers": selectors.listings_of(Offer, user)[:50],
        "opportunities": selectors.listings_of(Opportunity, user)[:50],
        "reviews": directory.is_secretariat(user)
        or bool(directory.coordinated_region_ids(user)),
        "endorses": directory.is_secretariat(user)
        or bool(directory.focal_point_country_ids(user)),
        "secretariat": directory.is_secretariat(user),
        "focal_point": bool(directory.focal_point_country_ids(user)),
    }
    return render(request, "exchange/me.html", context)
