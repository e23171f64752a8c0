"""Reads of the suggestions the pages show, each with its reasons in words."""

from django.db.models import Count
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import get_language_info

from mutua.cooperation.models import Partnership
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import ResourceType
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..engine.explain import describe
from ..models import Suggestion


def _language_name(code: str, fallback: str) -> str:
    """A language's name in the reader's language, where Django knows it.

    French and Spanish write language names in lower case ("en français").
    """
    try:
        name = get_language_info(code)["name_translated"]
    except KeyError:
        return fallback
    return name if get_language() in (None, "en") else name[:1].lower() + name[1:]


def labels() -> dict[tuple[str, str], str]:
    """{(kind, code): name} for the codes explanations mention."""
    found = {}
    for kind, model in (
        ("language", Language),
        ("modality", Modality),
        ("resource", ResourceType),
    ):
        for term in model.objects.all():
            found[kind, term.code] = (
                _language_name(term.code, term.name)
                if kind == "language"
                else str(term)
            )
    return found


def explained(suggestions: list) -> list:
    """Give each suggestion (or round pair) `.explanation`: its reasons in words."""
    names = labels()
    # Places left change as partnerships form: say how many there are now.
    left = places_left_of(s.offer_id for s in suggestions)
    for suggestion in suggestions:
        suggestion.explanation = describe(
            [
                ("capacity", left.get(suggestion.offer_id, 0))
                if r[0] == "capacity"
                else tuple(r)
                for r in suggestion.reasons
            ],
            lambda kind, code: names.get((kind, code), code),
        )
    return suggestions


def suggestions_for(request: Request) -> list[Suggestion]:
    """The stored suggestions of a request, each with `.explanation` in words."""
    found = list(
        Suggestion.objects.filter(request=request)
        .select_related("offer__organization", "offer__country")
        .order_by("rank")
    )
    return explained(found)


def _by_provider(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The first (best) suggestion of each provider: organization, or country."""
    found, seen = [], set()
    for suggestion in suggestions:
        offer = suggestion.offer
        key = offer.organization_id or f"country-{offer.country_id}"
        if key not in seen:
            seen.add(key)
            found.append(suggestion)
    return found


def providers_and_donors(
    suggestions: list[Suggestion],
) -> tuple[list[Suggestion], list[Suggestion]]:
    """The providers behind the suggestions, each by its best offer, and the donors:
    foundations and donors, or providers of an offer that brings funding."""
    funding = set(
        Offer.resources.through.objects.filter(
            offer_id__in=[s.offer_id for s in suggestions],
            resourcetype__code="funding",
        ).values_list("offer_id", flat=True)
    )
    donors = [
        s
        for s in suggestions
        if s.offer_id in funding
        or (s.offer.organization and s.offer.organization.type == "donor")
    ]
    return _by_provider(suggestions), _by_provider(donors)


def places_left_of(offer_ids) -> dict[int, int]:
    """{offer key: places not taken by an active partnership}, in one query."""
    active = Q(partnerships__status=Partnership.Status.ACTIVE)
    rows = (
        Offer.objects.filter(pk__in=set(offer_ids))
        .annotate(taken=Count("partnerships", filter=active))
        .values_list("pk", "capacity", "taken")
    )
    return {pk: max(capacity - taken, 0) for pk, capacity, taken in rows}


def fits_for(offer: Offer) -> list[Suggestion]:
    """The published requests whose best offers include this one, best fit first."""
    found = list(
        Suggestion.objects.filter(
            offer=offer,
            request__status__in=(Request.Status.PUBLISHED, Request.Status.MATCHED),
        )
        .select_related("request__country", "request__organization")
        .order_by("-score", "request_id")[:50]
    )
    return explained(found)


def follows(user, offer: Offer) -> bool:
    """Whether a user follows the new requests an offer fits."""
    return offer.subscriptions.filter(user=user).exists()
