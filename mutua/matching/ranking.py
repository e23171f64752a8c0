"""The engine over the published offers, kept per process, and suggestions from it.

Building the engine over 100,000 offers takes about 20 s, so a process keeps one
and rebuilds it only when an offer, a partnership, a match or the settings have
changed since (see `offers_version`). Pages never build it: the background
jobs below do, and pages read the stored suggestions.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from mutua.cooperation.models import Partnership
from mutua.directory.selectors import focal_points_of
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.notifications.services import notify
from mutua.notifications.texts import country_values

from .engine.scoring import Engine
from .models import Match
from .models import MatchingSettings
from .models import Subscription
from .models import Suggestion
from .selectors import engine_data
from .selectors.matches import provider_people

SUGGESTIONS = 10
# A request or offer is news for this long after its publication: a week, the
# weekly digest's period.
NEW_FOR = dt.timedelta(days=7)
_kept: dict = {"version": None, "engine": None}


def offers_version() -> tuple:
    """Changes whenever something the engine reads about offers changes."""
    return tuple(
        model.objects.aggregate(at=Max(field))["at"]
        for model, field in (
            (Offer, "updated_at"),
            (Partnership, "updated_at"),
            (Match, "updated_at"),
            (MatchingSettings, "updated_at"),
        )
    )


def engine() -> Engine:
    version = offers_version()
    if _kept["version"] != version:
        _kept["engine"] = Engine(
            engine_data.offer_data(), engine_data.places(), engine_data.weights()
        )
        _kept["version"] = version
    return _kept["engine"]


def suggestions_refresh(requests) -> int:
    """Store the best offers for each published request given; returns how many."""
    ranked = engine()
    now = timezone.now()
    published = requests.filter(
        status__in=(Request.Status.PUBLISHED, Request.Status.MATCHED)
    )
    count, stored = 0, []
    for data in engine_data.request_data(published):
        rows = [
            Suggestion(
                request_id=int(data.id),
                offer_id=int(c.offer_id),
                rank=rank,
                score=c.score,
                parts=c.parts,
                reasons=[list(r) for r in c.reasons],
                computed_at=now,
            )
            for rank, c in enumerate(ranked.rank(data, SUGGESTIONS), start=1)
        ]
        with transaction.atomic():
            Suggestion.objects.filter(request_id=int(data.id)).delete()
            Suggestion.objects.bulk_create(rows)
        stored.extend(rows)
        count += 1
    followers_tell(stored)
    fits_tell(stored, since=now - NEW_FOR)
    return count


@task()
def refresh_suggestions(*, request_ids: list[int]) -> int:
    """Re-rank the offers for these requests (a background job)."""
    return suggestions_refresh(Request.objects.filter(pk__in=request_ids))


@task()
def refresh_all_suggestions() -> int:
    """Re-rank the offers for every published request, after an offer changed
    (a background job)."""
    return suggestions_refresh(Request.objects.all())


def fits_tell(suggestions: list[Suggestion], *, since: dt.datetime) -> int:
    """Tell the providers of the requests published since `since` that fit
    their offers, and the focal points of the offers published since then that
    fit their country's requests: the weekly digest's news, by default. Each
    pair is told once (the notification's key); a provider who follows the
    offer hears of the request from `followers_tell` instead."""
    # Read by date, not by the suggestions' ids: a full refresh names every
    # published request, more than a query may list.
    new_requests = set(
        Request.objects.filter(published_at__gte=since).values_list("pk", flat=True)
    )
    new_offers = set(
        Offer.objects.filter(published_at__gte=since).values_list("pk", flat=True)
    )
    fresh = [
        s
        for s in suggestions
        if s.request_id in new_requests or s.offer_id in new_offers
    ]
    if not fresh:
        return 0
    requests = Request.objects.select_related("country").in_bulk(
        {s.request_id for s in fresh}
    )
    offers = Offer.objects.select_related("organization", "country").in_bulk(
        {s.offer_id for s in fresh}
    )
    # A full refresh comes back to the week's pairs again and again: those told
    # already (by their key) cost nothing more.
    known = set(
        Notification.objects.filter(kind=Kind.FITTING, created_at__gte=since)
        .values_list("key", flat=True)
        .distinct()
    )
    told = 0
    for suggestion in fresh:
        request, offer = requests[suggestion.request_id], offers[suggestion.offer_id]
        values = {
            "request": request.title,
            "offer": offer.title,
            **country_values(request.country),
        }
        pair = f"fit:{request.uuid}:{offer.uuid}"
        if request.pk in new_requests and f"{pair}:provider" not in known:
            told += notify(
                # Followers of the offer hear of it as they chose (`followers_tell`).
                recipients=provider_people(offer).exclude(
                    pk__in=offer.subscriptions.values("user")
                ),
                kind=Kind.FITTING,
                key=f"{pair}:provider",
                sentence=gettext_noop(
                    "A new request of %(country)s fits your offer “%(offer)s”: "
                    "“%(request)s”."
                ),
                values=values,
                url=request.get_absolute_url(),
            )
        if offer.pk in new_offers and f"{pair}:requester" not in known:
            told += notify(
                recipients=focal_points_of(request.country),
                kind=Kind.FITTING,
                key=f"{pair}:requester",
                sentence=gettext_noop(
                    "A new offer fits the request “%(request)s” of %(country)s: "
                    "“%(offer)s”."
                ),
                values=values,
                url=offer.get_absolute_url(),
            )
    return told


def followers_tell(suggestions: list[Suggestion]) -> int:
    """Tell each follower of an offer of every request it newly fits, once,
    as the follower chose to hear of it (at once by e-mail, by default).

    Only offers someone follows are looked at: after a full refresh the list
    holds every published request's suggestions, and few offers are followed.
    """
    followed = set(Subscription.objects.values_list("offer_id", flat=True))
    by_offer: dict[int, list[int]] = {}
    for suggestion in suggestions:
        if suggestion.offer_id in followed:
            by_offer.setdefault(suggestion.offer_id, []).append(suggestion.request_id)
    requests = Request.objects.in_bulk({pk for pks in by_offer.values() for pk in pks})
    told = 0
    subscriptions = Subscription.objects.filter(offer_id__in=by_offer).select_related(
        "user", "offer"
    )
    for subscription in subscriptions:
        offer = subscription.offer
        known = set(subscription.told_about.values_list("pk", flat=True))
        new = [requests[pk] for pk in by_offer[offer.pk] if pk not in known]
        for request in new:
            told += notify(
                recipients=[subscription.user],
                kind=Kind.FOLLOWED_OFFER,
                key=f"follow:{offer.uuid}:{request.uuid}",
                sentence=gettext_noop(
                    "A new request fits “%(offer)s”, the offer you follow: "
                    "“%(request)s”."
                ),
                values={"request": request.title, "offer": offer.title},
                url=request.get_absolute_url(),
            )
        subscription.told_about.add(*new)
    return told
