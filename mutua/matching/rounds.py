"""Allocation rounds, as services: start, work out (a background job), edit, send.

A round takes the published requests of one region and every published offer
with places left, and proposes the assignment of greatest total fit
(`allocation.allocate`), LDC and SIDS requests counted up by the configured
priority. The coordinator reviews it, removes or adds pairs, and sends it: each
pair becomes a match proposal from the coordinator.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext
from django_tasks import task

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.core.jobs import last_attempt
from mutua.directory.models import Region
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from . import access
from . import services
from .engine import allocation
from .engine.scoring import Engine
from .models import AllocationRound
from .models import Match
from .models import RoundPair
from .selectors import engine_data
from .selectors.rounds import requests_of_region


def round_start(*, region: Region, by: User) -> AllocationRound:
    """Record a round and queue the job that works it out."""
    if not access.runs_rounds_for(by, region):
        raise PermissionDenied(_("Only the region's coordinators may run its rounds."))
    priority = engine_data.priority()
    with transaction.atomic():
        found = AllocationRound.objects.create(
            region=region, created_by=by, priority=priority
        )
        transaction.on_commit(lambda: work_out_round.enqueue(round_id=found.pk))
    return found


def round_work_out(found: AllocationRound) -> AllocationRound:
    """Rank, assign optimally and greedily, and store the optimal pairs."""
    places = engine_data.places()
    offers = [o for o in engine_data.offer_data() if o.capacity and not o.expired]
    requests = engine_data.request_data(requests_of_region(found.region))
    engine = Engine(offers, places, engine_data.weights())
    edges = allocation.candidate_edges(engine, requests)
    capacity = {o.id: o.capacity for o in offers}
    prioritised = {
        r.id
        for r in requests
        if places.get(r.country)
        and places[r.country].groups & allocation.PRIORITY_GROUPS
    }
    options = {"prioritised": prioritised, "priority": found.priority}
    best = allocation.allocate(edges, capacity, **options)
    plain = allocation.greedy(edges, capacity, **options)

    def objective(result: allocation.Allocation) -> float:
        return sum(
            allocation.weighted(e, prioritised, found.priority) for e in result.pairs
        )

    with transaction.atomic():
        RoundPair.objects.bulk_create(
            RoundPair(
                round=found,
                request_id=int(e.request),
                offer_id=int(e.offer),
                fit=round(e.fit, 4),
                reasons=[list(r) for r in e.reasons],
            )
            for e in best.pairs
        )
        found.requests_considered = len(requests)
        found.offers_considered = len(offers)
        found.optimal_objective = round(objective(best), 4)
        found.greedy_objective = round(objective(plain), 4)
        found.status = AllocationRound.Status.DRAFT
        found.save()
    return found


def _editable(found: AllocationRound, by: User) -> None:
    if not access.runs_rounds_for(by, found.region):
        raise PermissionDenied(
            _("Only the region's coordinators may change this round.")
        )
    if found.status != AllocationRound.Status.DRAFT:
        raise ValidationError({"round": _("Only a round not yet sent can be changed.")})


def round_pair_remove(*, pair: RoundPair, by: User) -> None:
    _editable(pair.round, by)
    pair.delete()


def round_pair_add(*, found: AllocationRound, request: Request, offer: Offer, by: User):
    """Give a request of the round an offer by hand, within the offer's places."""
    _editable(found, by)
    if not requests_of_region(found.region).filter(pk=request.pk).exists():
        raise ValidationError({"request": _("This request is not one of the round's.")})
    if found.pairs.filter(request=request).exists():
        raise ValidationError({"request": _("This request already has an offer here.")})
    if found.pairs.filter(offer=offer).count() >= services.places_left(offer):
        raise ValidationError({"offer": _("No place is left on this offer.")})
    fit = engine_data.pair_fit(request, offer)
    if fit is None:
        raise ValidationError({"offer": _("This offer cannot serve this request.")})
    return RoundPair.objects.create(
        round=found,
        request=request,
        offer=offer,
        fit=fit.score,
        reasons=[list(r) for r in fit.reasons],
    )


def round_send(*, found: AllocationRound, by: User) -> tuple[int, list[str]]:
    """Propose every pair as a match; returns how many went, and why others did not."""
    _editable(found, by)
    sent, problems = 0, []
    for pair in found.pairs.select_related("request__country", "offer"):
        try:
            services.match_propose(
                request=pair.request,
                offer=pair.offer,
                by=by,
                origin=Match.Origin.COORDINATOR,
                score=pair.fit,
                reasons=pair.reasons,
            )
            sent += 1
        except (ValidationError, PermissionDenied) as error:
            problems.append(f"{pair.request.title}: {' '.join(_messages(error))}")
    found.status, found.sent_at = AllocationRound.Status.SENT, timezone.now()
    found.save()
    return sent, problems


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return [m for messages in error.message_dict.values() for m in messages]
    return [str(error)]


@task(takes_context=True)
def work_out_round(context: TaskContext, *, round_id: int) -> str:
    """Work out an allocation round started by a coordinator (a background job).

    A failure marks the round failed only when the job will not be tried again:
    until then the round stays running, for the next attempt to work it out.
    """
    found = AllocationRound.objects.filter(pk=round_id).first()
    if found is None or found.status != AllocationRound.Status.RUNNING:
        return "nothing to do"
    try:
        round_work_out(found)
    except Exception:
        if last_attempt(context):
            AllocationRound.objects.filter(pk=round_id).update(
                status=AllocationRound.Status.FAILED
            )
        raise
    return "done"
