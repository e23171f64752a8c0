"""Who may see and answer helpdesk questions.

A question is between the person who asked and the coordinators of the
country's region (and the secretariat); to anyone else it does not exist.
"""

from mutua.core.access import visible_or_404
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
    tickets = HelpdeskTicket.objects.select_related(
        "country", "organization", "asked_by__profile", "request"
    )
    return visible_or_404(
        tickets, uuid, user=user, rule=may_see_ticket, missing="No such question."
    )
