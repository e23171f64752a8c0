"""Response windows: no proposal waits for ever, no request is forgotten.

A proposed match carries the day both sides must answer by (`answer_by`, the
secretariat's `answer_days` after the proposal). Run daily by `mutua
follow-up-matches`:
- the side that has not answered is reminded `REMIND_DAYS` before;
- a proposal not answered by then lapses, says so, and its request goes back
  to matching (its suggestions are worked out again);
- an offer whose provider let its last `LAPSES_TO_PAUSE` proposals lapse is
  paused, and its provider told why;
- a request published `escalate_after_days` ago without an accepted match goes
  on its region's coordinators' queue, with the suggestions it has.
Each step is written once however often it runs: what it acts on is claimed by
a conditional update, and each notification has its key.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from mutua.directory.selectors import coordinators_of
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_transition
from mutua.notifications.models import Kind
from mutua.notifications.services import notify
from mutua.notifications.texts import country_values

from .models import Escalation
from .models import Match
from .ranking import refresh_suggestions
from .selectors.engine_data import response_windows
from .selectors.matches import provider_people
from .selectors.matches import requester_people

REMIND_DAYS = 3
LAPSES_TO_PAUSE = 3
PAUSE_REASON = gettext_noop(
    "Paused by Mutua: the last %(count)s proposals to this offer lapsed unanswered."
)
Side = Match.Decision


@dataclass
class FollowedUp:
    reminded: int = 0
    lapsed: int = 0
    paused: int = 0
    escalated: int = 0


def follow_up(now: dt.datetime | None = None) -> FollowedUp:
    now = now or timezone.now()
    done = FollowedUp()
    done.reminded = remind_due(now)
    done.lapsed, done.paused = lapse_due(now)
    done.escalated = escalate_due(now)
    return done


def _waiting_sides(match: Match):
    if match.requester_decision == Side.PENDING:
        yield requester_people(match.request)
    if match.provider_decision == Side.PENDING:
        yield provider_people(match.offer)


def _matches_url(match: Match) -> str:
    return reverse("matching:request", args=[match.request.uuid])


def remind_due(now: dt.datetime) -> int:
    """Remind the sides that have not answered, `REMIND_DAYS` before the end."""
    due = Match.objects.filter(
        status=Match.Status.PROPOSED,
        reminded_at=None,
        answer_by__gt=now,
        answer_by__lte=now + dt.timedelta(days=REMIND_DAYS),
    ).select_related("request", "offer")
    reminded = 0
    for match in due:
        with transaction.atomic():
            claimed = Match.objects.filter(pk=match.pk, reminded_at=None).update(
                reminded_at=now
            )
            if not claimed:
                continue
            for people in _waiting_sides(match):
                notify(
                    recipients=people,
                    kind=Kind.DEADLINE,
                    key=f"match:{match.uuid}:reminder",
                    sentence=gettext_noop(
                        "Answer the match of “%(offer)s” for “%(request)s” by "
                        "%(date)s, or it lapses."
                    ),
                    values={
                        "offer": match.offer.title,
                        "request": match.request.title,
                        "date": match.answer_by.date().isoformat(),
                    },
                    url=_matches_url(match),
                )
            reminded += 1
    return reminded


def lapse_due(now: dt.datetime) -> tuple[int, int]:
    """Lapse the proposals whose window has passed; pause the offers that let
    too many lapse. How many of each."""
    due = Match.objects.filter(status=Match.Status.PROPOSED, answer_by__lte=now)
    lapsed = paused = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            match = (
                Match.objects.select_for_update(of=("self",))
                .select_related("request", "offer")
                .filter(pk=pk, status=Match.Status.PROPOSED)
                .first()
            )
            if match is None:
                continue
            match.status, match.lapsed_at = Match.Status.LAPSED, now
            match.save(update_fields=["status", "lapsed_at", "updated_at"])
            _tell_lapsed(match)
            transaction.on_commit(
                partial(refresh_suggestions.enqueue, request_ids=[match.request_id])
            )
            lapsed += 1
            if match.provider_decision == Side.PENDING and _pause_if_silent(
                match.offer
            ):
                paused += 1
    return lapsed, paused


def _tell_lapsed(match: Match) -> None:
    notify(
        recipients=[
            *requester_people(match.request),
            *provider_people(match.offer),
        ],
        kind=Kind.DEADLINE,
        key=f"match:{match.uuid}:lapsed",
        sentence=gettext_noop(
            "The match of “%(offer)s” for “%(request)s” lapsed: it was not "
            "answered in time. The request goes back to matching."
        ),
        values={"offer": match.offer.title, "request": match.request.title},
        url=_matches_url(match),
    )


def _pause_if_silent(offer: Offer) -> bool:
    """Pause a published offer whose last proposals all lapsed unanswered by
    its provider."""
    latest = list(
        Match.objects.filter(offer=offer)
        .exclude(status=Match.Status.PROPOSED)
        .order_by("-answer_by", "-pk")
        .values_list("status", "provider_decision")[:LAPSES_TO_PAUSE]
    )
    silent = len(latest) == LAPSES_TO_PAUSE and all(
        status == Match.Status.LAPSED and decision == Side.PENDING
        for status, decision in latest
    )
    # The offer came with its match, read in this transaction.
    if not silent or offer.status != Offer.Status.PUBLISHED:
        return False
    listing_transition(
        listing=offer,
        action="pause",
        by=None,
        reason=PAUSE_REASON % {"count": LAPSES_TO_PAUSE},
    )
    notify(
        recipients=provider_people(offer),
        kind=Kind.DEADLINE,
        key=f"offer:{offer.uuid}:paused:{timezone.now():%Y%m%d}",
        sentence=gettext_noop(
            "Your offer “%(offer)s” is paused: its last %(count)s proposals lapsed "
            "unanswered. Resume it when you can answer again."
        ),
        values={"count": str(LAPSES_TO_PAUSE), "offer": offer.title},
        url=offer.get_absolute_url(),
    )
    return True


def escalate_due(now: dt.datetime) -> int:
    """Put on their coordinators' queue the requests published long ago that
    no accepted match has served yet."""
    since = now - dt.timedelta(days=response_windows().escalate_after_days)
    due = (
        Request.objects.filter(
            status=Request.Status.PUBLISHED,
            published_at__lte=since,
            escalation__isnull=True,
        )
        .exclude(matches__status=Match.Status.ACCEPTED)
        .select_related("country")
    )
    escalated = 0
    for request in due:
        with transaction.atomic():
            _escalation, created = Escalation.objects.get_or_create(request=request)
            if not created:
                continue
            notify(
                recipients=coordinators_of(request.country),
                kind=Kind.ESCALATED,
                key=f"request:{request.uuid}:escalated",
                sentence=gettext_noop(
                    "The request “%(title)s” of %(country)s has waited %(days)s "
                    "days without an accepted match. See its suggestions."
                ),
                values={
                    "title": request.title,
                    **country_values(request.country),
                    "days": str((now - request.published_at).days),
                },
                url=reverse("matching:escalated"),
            )
            escalated += 1
    return escalated
