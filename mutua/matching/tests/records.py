"""Records for the matching tests: a published pair whose suggestions are worked out."""

__all__ = ["published_offer", "published_request", "suggested_pair"]

from mutua.exchange.models import Offer, Request
from mutua.exchange.tests.factories import published_offer, published_request
from mutua.matching import ranking


def suggested_pair(people) -> tuple[Request, Offer]:
    """A published request and offer, with the request's suggestions worked out."""
    request, offer = published_request(people), published_offer(people)
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    return request, offer
