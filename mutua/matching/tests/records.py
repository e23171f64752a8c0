"""Published requests and offers for the matching tests, and a suggested pair."""

from mutua.exchange import services as exchange
from mutua.exchange.models import Offer, Request
from mutua.exchange.tests.factories import offer_fields, request_fields
from mutua.matching import ranking


def published_request(people, **overrides) -> Request:
    request = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(**overrides),
    )
    for action, by in (
        ("submit", people.member),
        ("endorse", people.focal_point),
        ("publish", people.coordinator),
    ):
        request = exchange.request_transition(request=request, action=action, by=by)
    return request


def published_offer(people, **overrides) -> Offer:
    offer = exchange.listing_create(
        Offer,
        by=people.provider,
        organization=people.university,
        **offer_fields(**overrides),
    )
    return exchange.listing_transition(
        listing=offer, action="publish", by=people.provider
    )


def suggested_pair(people) -> tuple[Request, Offer]:
    """A published request and offer, with the request's suggestions worked out."""
    request, offer = published_request(people), published_offer(people)
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    return request, offer
