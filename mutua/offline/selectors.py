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
    """The paths of the user's own records, newest first: requests and offers
    with their matches, partnerships with the page that reports from the field."""
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
    for partnership in partnerships.order_by("-updated_at")[:MOST]:
        paths += [
            partnership.get_absolute_url(),
            reverse("cooperation:field_report", args=[partnership.uuid]),
        ]
    return paths
