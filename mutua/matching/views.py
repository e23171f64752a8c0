"""Pages of matching: a request's suggestions and matches, proposing, answering."""

import re
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.core.responses import first_error
from mutua.core.responses import render_page_or_partial
from mutua.directory import access as directory
from mutua.exchange import access as exchange_access
from mutua.exchange.models import Offer
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.selectors import deliveries_of

from . import access
from . import rounds
from . import services
from .forms import SettingsForm
from .models import AllocationRound
from .models import Escalation
from .models import Match
from .selectors import engine_data
from .selectors.matches import escalated_for
from .selectors.matches import matches_for
from .selectors.matches import matches_waiting_for_country
from .selectors.matches import paired_offer_ids
from .selectors.matches import responsiveness
from .selectors.rounds import round_candidates
from .selectors.rounds import round_pairs
from .selectors.rounds import rounds_of
from .selectors.suggestions import fits_for
from .selectors.suggestions import follows
from .selectors.suggestions import providers_and_donors
from .selectors.suggestions import suggestions_for

ADDRESS_NEEDED = _lazy("Offer: give the address of a published offer.")
CHOICE_NEEDED = {
    "offer": _lazy("Offer: choose a published offer from the list."),
    "request": _lazy("Request: choose a request of the round from the list."),
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@require_safe
@vary_on_headers("HX-Request")
def request_matches(request: HttpRequest, uuid) -> HttpResponse:
    """The offers the engine suggests for a request, and the matches proposed."""
    record = exchange_access.request_for_user(request.user, uuid)
    suggestions = suggestions_for(record)
    matches = matches_for(record)
    paired = paired_offer_ids(record)
    for suggestion in suggestions:
        suggestion.may_propose = suggestion.offer_id not in paired and (
            access.may_propose(request.user, record, suggestion.offer)
        )
    for match in matches:
        match.may_answer = match.status == Match.Status.PROPOSED and bool(
            services.sides_for(request.user, match)
        )
        match.notes_shown = access.may_see_match_notes(request.user, match)
    providers, donors = providers_and_donors(suggestions)
    context = {
        "record": record,
        "suggestions": suggestions,
        "providers": providers,
        "donors": donors,
        "matches": matches,
        "coordinates": exchange_access.reviews_request(request.user, record),
    }
    # htmx asks for the summary shown on the request's own page.
    return render_page_or_partial(
        request, "matching/request_matches.html", "summary", context
    )


@require_POST
@login_required
def match_propose(request: HttpRequest, uuid) -> HttpResponse:
    """Propose a suggested offer (either side), or any offer (a coordinator)."""
    record = exchange_access.request_for_user(request.user, uuid)
    try:
        offer = _by_address(request.POST.get("offer", ""))
        services.match_propose_by_person(request=record, offer=offer, by=request.user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The match is proposed; the other side is asked."))
    return redirect("matching:request", uuid=record.uuid)


@require_safe
@login_required
def matches_waiting(request: HttpRequest) -> HttpResponse:
    """A focal point's page: every proposal waiting for its country's answer."""
    countries = directory.focal_point_country_ids(request.user)
    if not countries:
        raise PermissionDenied(_("Only national focal points answer for a country."))
    matches = [
        m
        for m in matches_waiting_for_country(countries)
        if services.sides_for(request.user, m)
    ]
    return render(request, "matching/waiting.html", {"matches": matches})


@require_safe
@login_required
def escalated(request: HttpRequest) -> HttpResponse:
    """A coordinator's queue: requests of its regions left unmatched too long,
    each with the suggestions it has."""
    if not (
        directory.is_secretariat(request.user)
        or directory.coordinated_region_ids(request.user)
    ):
        raise PermissionDenied(
            _("Only coordinators and the secretariat see this queue.")
        )
    page = Paginator(escalated_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "matching/escalated.html", {"page": page})


@require_POST
@login_required
def escalation_take_up(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = get_object_or_404(Escalation, pk=pk)
    if not access.takes_up_escalation(request.user, escalation.request):
        raise Http404("No such escalated request.")
    try:
        services.escalation_take_up(escalation=escalation, by=request.user)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("It is yours: the request left the queue."))
    return redirect("matching:escalated")


@require_safe
def offer_answers(request: HttpRequest, uuid) -> HttpResponse:
    """How the offer's provider answers proposals (a fragment of the offer's page)."""
    offer = exchange_access.listing_for_user(Offer, request.user, uuid)
    context = {"offer": offer, "answers": responsiveness(offer)}
    return render(request, "matching/_offer_answers.html", context)


@require_POST
@login_required
def match_answer(request: HttpRequest, uuid) -> HttpResponse:
    """Accept or decline a match (a decline needs a reason)."""
    match = get_object_or_404(Match.objects.select_related("request"), uuid=uuid)
    exchange_access.request_for_user(request.user, match.request.uuid)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Answer: choose accept or decline."))
        return redirect("matching:request", uuid=match.request.uuid)
    try:
        match = services.match_answer(
            match=match,
            by=request.user,
            accept=answer == "accept",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        if match.partnership:
            messages.success(request, _("Both sides accepted: the partnership begins."))
        else:
            messages.success(request, _("Your answer is recorded."))
    if request.POST.get("next") == "waiting":  # answered from the focal point's page
        return redirect("matching:waiting")
    return redirect("matching:request", uuid=match.request.uuid)


@require_http_methods(["GET", "POST"])
@login_required
def matching_settings(request: HttpRequest) -> HttpResponse:
    """The secretariat tunes the engine: one weight a part of the fit."""
    if not directory.is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat may change how matching works."))
    current, windows = engine_data.weights(), engine_data.response_windows()
    initial = {
        **asdict(current),
        "priority": engine_data.priority(),
        "answer_days": windows.answer_days,
        "escalate_after_days": windows.escalate_after_days,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(
                by=request.user,
                weights=form.weights(),
                priority=form.cleaned_data["priority"],
                answer_days=form.cleaned_data["answer_days"],
                escalate_after_days=form.cleaned_data["escalate_after_days"],
            )
        except ValidationError as error:
            form.add_error(None, first_error(error))
        else:
            messages.success(
                request,
                _("Saved. Suggestions are worked out again with these weights."),
            )
            return redirect("matching:settings")
    return render(request, "matching/settings.html", {"form": form})


@require_safe
def offer_fits(request: HttpRequest, uuid) -> HttpResponse:
    """The requests an offer fits, and following new ones for its provider."""
    offer = exchange_access.listing_for_user(Offer, request.user, uuid)
    provider = access.answers_for_provider(request.user, offer)
    context = {
        "offer": offer,
        "fits": fits_for(offer),
        "provider": provider,
        "following": provider and follows(request.user, offer),
        # How a follower hears of the new requests: its own choice for the kind.
        "hearing": provider
        and Delivery(deliveries_of(request.user)[Kind.FOLLOWED_OFFER]).label,
    }
    return render(request, "matching/offer_fits.html", context)


@require_POST
@login_required
def offer_follow(request: HttpRequest, uuid) -> HttpResponse:
    offer = exchange_access.listing_for_user(Offer, request.user, uuid)
    choice = request.POST.get("follow")
    if choice not in ("on", "off"):
        messages.error(request, _("Follow: choose on or off."))
        return redirect("matching:offer", uuid=offer.uuid)
    on = choice == "on"
    services.subscription_set(offer=offer, by=request.user, on=on)
    messages.success(
        request,
        _("You will hear of each new request this offer fits.")
        if on
        else _("You will no longer hear of new requests for this offer."),
    )
    return redirect("matching:offer", uuid=offer.uuid)


# Allocation rounds -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The rounds of the regions the user coordinates, and starting a new one."""
    user = request.user
    regions = access.round_regions_for(user)
    if not regions.exists():
        raise PermissionDenied(_("Only coordinators run allocation rounds."))
    if request.method == "POST":
        region = regions.filter(code=request.POST.get("region", "")).first()
        if region is None:
            messages.error(
                request, _("Region: choose one of the regions you coordinate.")
            )
            return redirect("matching:rounds")
        found = rounds.round_start(region=region, by=user)
        return redirect("matching:round", uuid=found.uuid)
    context = {
        "regions": regions.order_by("name"),
        "rounds": rounds_of(regions),
    }
    return render(request, "matching/rounds.html", context)


@require_safe
@login_required
def round_detail(request: HttpRequest, uuid) -> HttpResponse:
    found = access.round_for_user(request.user, uuid)
    pairs = round_pairs(found)
    context = {"round": found, "pairs": pairs, "total": sum(p.fit for p in pairs)}
    if found.status == AllocationRound.Status.DRAFT:
        context["requests"], context["offers"] = round_candidates(found)
    return render(request, "matching/round.html", context)


@require_POST
@login_required
def round_change(request: HttpRequest, uuid) -> HttpResponse:
    """Remove a pair, add one by hand, or send the round as match proposals."""
    found = access.round_for_user(request.user, uuid)
    what = request.POST.get("change")
    try:
        if what == "remove":
            pair = found.pairs.filter(pk=_number(request.POST.get("pair"))).first()
            if pair is None:
                raise ValidationError({"pair": _("No such pair in this round.")})
            rounds.round_pair_remove(pair=pair, by=request.user)
        elif what == "add":
            requests, offers = round_candidates(found)
            record = _chosen(requests, request.POST.get("request", ""), "request")
            offer = _chosen(offers, request.POST.get("offer", ""), "offer")
            rounds.round_pair_add(
                found=found, request=record, offer=offer, by=request.user
            )
        elif what == "send":
            if request.POST.get("confirm") != "yes":
                raise ValidationError(
                    {"confirm": _("Tick the box to confirm the proposals are checked.")}
                )
            sent, problems = rounds.round_send(found=found, by=request.user)
            messages.success(request, _("%(n)d match proposals sent.") % {"n": sent})
            for problem in problems:
                messages.warning(request, problem)
        else:
            raise ValidationError({"change": _("Unknown change.")})
    except ValidationError as error:
        messages.error(request, first_error(error))
    return redirect("matching:round", uuid=found.uuid)


def _number(value) -> int:
    return int(value) if str(value or "").isdigit() else 0


def _by_address(value: str) -> Offer:
    found = UUID.search(value.lower())
    offer = Offer.objects.filter(uuid=found[0]).first() if found else None
    if offer is None:
        raise ValidationError({"offer": ADDRESS_NEEDED})
    return offer


def _chosen(candidates, value: str, field: str):
    """The record picked from one of the round page's lists, by its uuid."""
    found = UUID.fullmatch(value.strip().lower())
    record = candidates.filter(uuid=found[0]).first() if found else None
    if record is None:
        raise ValidationError({field: CHOICE_NEEDED[field]})
    return record
