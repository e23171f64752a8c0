"""The engine over the published offers, kept per process, and suggestions from it.

Building the engine over 100,000 offers takes about 20 s, so a process keeps one
and rebuilds it only when an offer, a partnership, a match or the settings have
changed since (see `offers_version`). Pages never build it: background jobs do
(`tasks.py`), and pages read the stored suggestions.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mutua.cooperation.models import Partnership
from mutua.exchange.models import Offer, Request

from . import selectors
from .engine import Engine
from .models import Match, MatchingSettings, Suggestion
from .services import subscribers_tell

SUGGESTIONS = 10
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
            selectors.offer_data(), selectors.places(), selectors.weights()
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
    for data in selectors.request_data(published):
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
    subscribers_tell(stored)
    return count
