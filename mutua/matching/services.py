"""Writes of matching: proposing matches, answering them, forming partnerships.

Every function runs in one transaction and checks its permission here, for the
pages and the API alike.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mutua.cooperation import services as cooperation
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.exchange import access as exchange_access
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_enter_partnership
from mutua.notifications.models import Kind
from mutua.notifications.services import notify

from . import access
from . import signals
from .engine.data import Weights
from .models import Escalation
from .models import Match
from .models import MatchingSettings
from .models import Subscription
from .models import Suggestion
from .selectors.engine_data import pair_fit
from .selectors.engine_data import response_windows
from .selectors.matches import paired_offer_ids
from .selectors.matches import provider_people
from .selectors.matches import requester_people

OPEN_REQUEST = {Request.Status.PUBLISHED, Request.Status.MATCHED}
Side = Match.Decision


def places_left(offer: Offer) -> int:
    """Places of an offer not taken by an active partnership (read afresh)."""
    return Offer.objects.get(pk=offer.pk).places_left()


def _check_pair(request: Request, offer: Offer) -> None:
    if offer.pk in paired_offer_ids(request):
        raise Conflict({"offer": _("This offer is already matched with this request.")})
    if request.status not in OPEN_REQUEST:
        raise Conflict({"request": _("Only a published request can be matched.")})
    if (
        offer.status != Offer.Status.PUBLISHED
        or offer.valid_until < timezone.localdate()
    ):
        raise Conflict({"offer": _("Only a published, valid offer can be matched.")})
    if places_left(offer) < 1:
        raise Conflict({"offer": _("No place is left on this offer.")})
    if pair_fit(request, offer) is None:
        raise Conflict(
            {
                "offer": _(
                    "This offer cannot serve this request: no common language, "
                    "the country is not eligible, or it is the requester's own offer."
                )
            }
        )


def match_propose(
    *,
    request: Request,
    offer: Offer,
    by: User | None,
    origin: str = Match.Origin.ENGINE,
    score: float | None = None,
    reasons: list | tuple = (),
) -> Match:
    """Propose a match; a side that proposes it has accepted it already.

    `by` None is the system (the engine); people need the right to propose.
    """
    if origin not in dict(Match.ORIGINS):
        raise ValidationError({"origin": _("Unknown origin.")})
    if by is not None and not access.may_propose(by, request, offer):
        raise PermissionDenied(_("You may not propose a match for this request."))
    with transaction.atomic():
        _check_pair(request, offer)
        match = Match(
            request=request,
            offer=offer,
            origin=origin,
            score=score,
            reasons=[list(r) for r in reasons],
            proposed_by=by,
        )
        now = timezone.now()
        answer_days = response_windows().answer_days
        match.answer_by = now + dt.timedelta(days=answer_days)
        if by is not None and access.answers_for_requester(by, request):
            match.requester_decision = Side.ACCEPTED
            match.requester_decided_by, match.requester_decided_at = by, now
        if by is not None and access.answers_for_provider(by, offer):
            match.provider_decision = Side.ACCEPTED
            match.provider_decided_by, match.provider_decided_at = by, now
        try:
            with transaction.atomic():
                match.save()
        except IntegrityError as error:
            raise Conflict(
                {"offer": _("This offer is already matched with this request.")}
            ) from error
        _tell_proposed(match, by)
        return match


def _tell_proposed(match: Match, by: User | None) -> None:
    """Each side that has not accepted yet: a match waits for its answer."""
    waiting = []
    if match.requester_decision == Side.PENDING:
        waiting.append(requester_people(match.request))
    if match.provider_decision == Side.PENDING:
        waiting.append(provider_people(match.offer))
    for people in waiting:
        notify(
            recipients=people,
            kind=Kind.MATCH_PROPOSED,
            key=f"match:{match.uuid}:proposed",
            sentence=gettext_noop(
                "A match is proposed: the offer “%(offer)s” for the request "
                "“%(request)s”. Answer it by %(date)s."
            ),
            values={
                "offer": match.offer.title,
                "request": match.request.title,
                "date": match.answer_by.date().isoformat(),
            },
            url=reverse("matching:request", args=[match.request.uuid]),
            but=by,
        )


def _tell_answered(match: Match, by: User, accept: bool) -> None:
    """Whoever proposed the match, and the other side, of an answer to it."""
    other = (
        provider_people(match.offer)
        if access.answers_for_requester(by, match.request)
        else requester_people(match.request)
    )
    recipients = [*other, *([match.proposed_by] if match.proposed_by else [])]
    notify(
        recipients=recipients,
        kind=Kind.MATCH_ANSWERED,
        key=f"match:{match.uuid}:answered:{by.pk}",
        sentence=(
            gettext_noop("%(who)s accepted the match of “%(offer)s” for “%(request)s”.")
            if accept
            else gettext_noop(
                "%(who)s declined the match of “%(offer)s” for “%(request)s”."
            )
        ),
        values={
            "who": by.get_full_name() or by.username,
            "offer": match.offer.title,
            "request": match.request.title,
        },
        url=reverse("matching:request", args=[match.request.uuid]),
        but=by,
    )


def match_propose_by_person(*, request: Request, offer: Offer, by: User) -> Match:
    """A person proposes: either side one of the engine's suggestions, a
    coordinator of the request (or the secretariat) any offer.

    The origin follows: the helpdesk for a request that began as a question
    there, the engine for a suggested offer, else the coordinator.
    """
    suggestion = Suggestion.objects.filter(request=request, offer=offer).first()
    if suggestion is None and not exchange_access.reviews_request(by, request):
        raise PermissionDenied(
            _("Propose one of the suggested offers, or ask a coordinator.")
        )
    return match_propose(
        request=request,
        offer=offer,
        by=by,
        origin=_origin(request, suggestion),
        score=suggestion.score if suggestion else None,
        reasons=suggestion.reasons if suggestion else (),
    )


def _origin(request: Request, suggestion: Suggestion | None) -> str:
    """Through the helpdesk for a request that began as a question; else who found it."""
    if hasattr(request, "helpdesk_ticket"):
        return Match.Origin.HELPDESK
    return Match.Origin.ENGINE if suggestion else Match.Origin.COORDINATOR


def sides_for(by: User, match: Match) -> list[str]:
    """The sides of a match `by` still has to answer for."""
    sides = []
    if match.requester_decision == Side.PENDING and access.answers_for_requester(
        by, match.request
    ):
        sides.append("requester")
    if match.provider_decision == Side.PENDING and access.answers_for_provider(
        by, match.offer
    ):
        sides.append("provider")
    return sides


def match_answer(*, match: Match, by: User, accept: bool, reason: str = "") -> Match:
    """Accept or decline a match for the side(s) `by` answers for.

    A decline needs a reason. When both sides have accepted, the partnership
    forms in the same transaction, taking one of the offer's places.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        match = (
            Match.objects.select_for_update(of=("self",))
            .select_related("request__country", "offer__organization")
            .get(pk=match.pk)
        )
        if match.status != Match.Status.PROPOSED:
            raise Conflict({"match": _("This match has already been answered.")})
        sides = sides_for(by, match)
        if not sides:
            raise PermissionDenied(_("You may not answer this match."))
        if not accept and not reason:
            raise ValidationError({"reason": _("Give a reason to decline.")})
        if len(reason) > 2000:
            raise ValidationError(
                {"reason": _("Keep the reason under 2,000 characters.")}
            )
        now = timezone.now()
        decision = Side.ACCEPTED if accept else Side.DECLINED
        for side in sides:
            setattr(match, f"{side}_decision", decision)
            setattr(match, f"{side}_decided_by", by)
            setattr(match, f"{side}_decided_at", now)
        if not accept:
            match.status, match.decline_reason = Match.Status.DECLINED, reason
        elif match.requester_decision == match.provider_decision == Side.ACCEPTED:
            match.partnership = _partnership_form(match, by)
            match.status = Match.Status.ACCEPTED
        match.save()
        _tell_answered(match, by, accept)
        return match


def _partnership_form(match: Match, by: User) -> Partnership:
    # Locking the offer's row serialises acceptances that race for its last place.
    offer = Offer.objects.select_for_update().get(pk=match.offer_id)
    if offer.places_left() < 1:
        raise Conflict({"offer": _("No place is left on this offer.")})
    request = match.request
    partnership = cooperation.partnership_create(
        by=by,
        title=request.title,
        request=request,
        offer=offer,
        origin=match.origin,
        started_on=timezone.localdate(),
        targets=request.targets.all(),
        participants=[
            {
                "role": Participant.Role.BENEFICIARY,
                "organization": request.organization,
                "country": request.country,
            },
            {
                "role": Participant.Role.PROVIDER,
                "organization": offer.organization,
                "country": offer.country,
            },
        ],
    )
    request_enter_partnership(request=match.request, by=by)
    return partnership


def settings_update(
    *,
    by: User,
    weights: dict[str, float],
    priority: float,
    answer_days: int | None = None,
    escalate_after_days: int | None = None,
) -> None:
    """The secretariat sets the engine's weights, the allocation priority and,
    when given, the response windows."""
    if not directory.is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat may change how matching works."))
    try:
        Weights.from_mapping(weights)
    except ValueError as error:
        raise ValidationError({"weights": str(error)}) from error
    if not isinstance(priority, int | float) or not 0 <= priority <= 10:
        raise ValidationError(
            {"priority": _("The priority must be a number from 0 to 10.")}
        )
    with transaction.atomic():
        stored = MatchingSettings.objects.select_for_update().filter(pk=1).first()
        stored = stored or MatchingSettings(pk=1)
        stored.weights, stored.priority, stored.updated_by = (
            weights,
            float(priority),
            by,
        )
        if answer_days is not None:
            stored.answer_days = answer_days
        if escalate_after_days is not None:
            stored.escalate_after_days = escalate_after_days
        stored.full_clean()
        stored.save()
        transaction.on_commit(signals.queue_refresh_of_all)


def subscription_set(*, offer: Offer, by: User, on: bool) -> None:
    """Follow (or stop following) the new requests an offer fits.

    The requests it fits already are on the offer's page: the follower hears
    only of those that come to fit it later.
    """
    if not access.answers_for_provider(by, offer):
        raise PermissionDenied(
            _("Only the provider may follow requests for this offer.")
        )
    if on:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                user=by, offer=offer
            )
            if created:
                fitting = Suggestion.objects.filter(offer=offer)
                subscription.told_about.add(
                    *fitting.values_list("request_id", flat=True)
                )
    else:
        Subscription.objects.filter(user=by, offer=offer).delete()


def escalation_take_up(*, escalation: Escalation, by: User) -> Escalation:
    """A coordinator takes an escalated request off the queue to work on it."""
    with transaction.atomic():
        escalation = (
            Escalation.objects.select_for_update(of=("self",))
            .select_related("request__country")
            .get(pk=escalation.pk)
        )
        if not access.takes_up_escalation(by, escalation.request):
            raise PermissionDenied(
                _("Only the coordinators of the request's region take it up.")
            )
        if escalation.taken_up_at is not None:
            raise Conflict({"escalation": _("Someone has taken it up already.")})
        escalation.taken_up_by, escalation.taken_up_at = by, timezone.now()
        escalation.save(update_fields=["taken_up_by", "taken_up_at"])
        return escalation
