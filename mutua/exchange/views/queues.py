"""The work queues of reviewers and focal points, and my work."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mutua.directory import access as directory

from .. import access
from .. import selectors
from ..models import Offer
from ..models import Opportunity
from ..models import Request
from .shared import back_url
from .shared import page_links

QUEUE_ACTIONS = {"endorse", "send_back", "decline", "publish", "clarify", "reject"}


def queue_item(request: HttpRequest, record: Request, error: str = "") -> HttpResponse:
    record.available = access.actions_allowed(request.user, record, QUEUE_ACTIONS)
    context = {"record": record, "error": error, "back": back_url(request, record)}
    return render(request, "exchange/queue.html#item", context)


def _works_on(user, serves: Callable) -> bool:
    """Whether the user works on a queue: its staff (those `serves` finds places
    for), and the secretariat, who works on every queue."""
    return directory.is_secretariat(user) or bool(serves(user))


def _queue(
    request: HttpRequest,
    name: str,
    *,
    serves: Callable,
    records: Callable[..., QuerySet],
) -> HttpResponse:
    """A work queue's page: the `records` waiting, for those who work on it."""
    allowed = _works_on(request.user, serves)
    queryset = records(request.user) if allowed else Request.objects.none()
    page = selectors.page_of(
        queryset.prefetch_related("possible_duplicates"),
        request.GET.get("page"),
        size=settings.PAGE_SIZE,
    )
    for record in page:
        record.available = access.actions_allowed(request.user, record, QUEUE_ACTIONS)
    context = {
        "allowed": allowed,
        "queue": name,
        "page": page,
        "back": request.get_full_path(),
        **page_links(page),
    }
    return render(request, "exchange/queue.html", context)


@require_safe
@login_required
def review(request: HttpRequest) -> HttpResponse:
    """Requests under review in the regions the coordinator serves."""
    return _queue(
        request,
        "review",
        serves=directory.coordinated_region_ids,
        records=selectors.review_queue,
    )


@require_safe
@login_required
def endorse(request: HttpRequest) -> HttpResponse:
    """Requests of the focal point's countries awaiting endorsement."""
    return _queue(
        request,
        "endorse",
        serves=directory.focal_point_country_ids,
        records=selectors.endorsement_queue,
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
        "reviews": _works_on(user, directory.coordinated_region_ids),
        "endorses": _works_on(user, directory.focal_point_country_ids),
        "secretariat": directory.is_secretariat(user),
        "focal_point": bool(directory.focal_point_country_ids(user)),
    }
    return render(request, "exchange/me.html", context)
