"""Who may see and answer helpdesk questions.

A question is between the person who asked and the coordinators of the
country's region (and the secretariat); to anyone else it does not exist.
"""

from django.http import Http404

from mutua.directory import access as directory
from mutua.directory.access import Actor

from .models import HelpdeskTicket


def handles(user: Actor, ticket: HelpdeskTicket) -> bool:
    """The coordinators of the ticket's country and the secretariat."""
    return directory.is_secretariat(user) or directory.coordinates(user, ticket.country)


def may_see_ticket(user: Actor, ticket: HelpdeskTicket) -> bool:
    if not user.is_authenticated:
        return False
    return ticket.asked_by_id == user.pk or handles(user, ticket)


def ticket_for_user(user: Actor, uuid) -> HelpdeskTicket:
    """The question, or 404 for one that is missing or not the user's to see."""
    ticket = (
        HelpdeskTicket.objects.select_related(
            "country", "organization", "asked_by__profile", "request"
        )
        .filter(uuid=uuid)
        .first()
    )
    if ticket is None or not may_see_ticket(user, ticket):
        raise Http404("No such question.")
    return ticket
