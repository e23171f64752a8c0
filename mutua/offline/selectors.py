"""What a device keeps for reading without a connection, beyond the pages visited:
the pages of the user's own requests, offers, matches and partnerships."""

from django.urls import reverse

from mutua.cooperation.models import Partnership
from mutua.directory.access import Actor
from mutua.directory.access import member_organization_ids
from mutua.exchange import selectors as exchange
from mutua.exchange.models import Offer

# Enough for a focal point's or an NGO's current work, little enough for a slow link.
MOST = 20


def own_pages(user: Actor) -> list[str]:
    """The paths of the user's own records, newest first, each with its matches."""
    paths = [reverse("exchange:me")]
    for request in exchange.requests_of(user).order_by("-updated_at")[:MOST]:
        paths += [
            request.get_absolute_url(),
            reverse("matching:request", args=[request.uuid]),
        ]
    for offer in exchange.listings_of(Offer, user).order_by("-updated_at")[:MOST]:
        paths += [
            offer.get_absolute_url(),
            reverse("matching:offer", args=[offer.uuid]),
        ]
    partnerships = Partnership.objects.filter(
        participants__organization__in=member_organization_ids(user)
    ).distinct()
    paths += [p.get_absolute_url() for p in partnerships.order_by("-updated_at")[:MOST]]
    return paths
