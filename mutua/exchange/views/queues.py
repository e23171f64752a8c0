"""The work queues of reviewers and focal points, and my work."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mutua.directory import access as directory

from .. import access, selectors
from ..models import Offer, Opportunity, Request
from .shared import back_url, page_links

QUEUE_ACTIONS = {"endorse", "send_back", "decline", "publish", "clarify", "reject"}


def queue_item(request: HttpRequest, record: Request, error: str = "") -> HttpResponse:
    record.available = access.actions_allowed(request.user, record, QUEUE_ACTIONS)
    context = {"record": record, "error": error, "back": back_url(request, record)}
    return render(request, "exchange/queue.html#item", context)


def _queue(request: HttpRequest, queryset: QuerySet, **context) -> HttpResponse:
    page = selectors.page_of(
        queryset.prefetch_related("possible_duplicates"),
        request.GET.get("page"),
        size=settings.PAGE_SIZE,
    )
    for record in page:
        record.available = access.actions_allowed(request.user, record, QUEUE_ACTIONS)
    context |= {"page": page, "back": request.get_full_path(), **page_links(page)}
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
