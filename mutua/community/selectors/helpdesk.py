"""Reads of the helpdesk: a person's questions, and those a coordinator answers."""

from django.db.models import Count
from django.db.models import QuerySet

from mutua.directory import access as directory
from mutua.directory.selectors import country_in

from ..models import HelpdeskTicket

# A person's page lists their latest questions; the queue its oldest open ones.
LISTED = 50
QUEUED = 100


def questions_of(user) -> QuerySet[HelpdeskTicket]:
    """The latest questions a person asked, with their number of replies."""
    return (
        HelpdeskTicket.objects.filter(asked_by=user)
        .select_related("request")
        .annotate(reply_count=Count("replies"))[:LISTED]
    )


def handled_by(user) -> QuerySet[HelpdeskTicket]:
    """Every question from the countries of the regions a coordinator serves
    (all of them for the secretariat)."""
    tickets = HelpdeskTicket.objects.select_related(
        "country", "organization", "asked_by__profile"
    ).annotate(reply_count=Count("replies"))
    if directory.is_secretariat(user):
        return tickets
    return tickets.filter(country_in(directory.coordinated_region_ids(user)))


def open_queue(user) -> QuerySet[HelpdeskTicket]:
    return handled_by(user).filter(status=HelpdeskTicket.Status.OPEN)[:QUEUED]


def replies_to(ticket: HelpdeskTicket) -> QuerySet:
    return ticket.replies.select_related("by__profile")


def ticket_by_uuid(uuid) -> HelpdeskTicket | None:
    return HelpdeskTicket.objects.filter(uuid=uuid).first()
