"""Writes of the helpdesk: asking, replying, turning a question into a request, closing."""

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.selectors import coordinators_of
from mutua.exchange.services.requests import request_create_for_helpdesk
from mutua.notifications.models import Kind
from mutua.notifications.services import notify

from ..access import handles
from ..access import may_see_ticket
from ..models import HelpdeskReply
from ..models import HelpdeskTicket


def ticket_open(
    *,
    by: User,
    country: Country,
    subject: str,
    message: str,
    organization: Organization | None = None,
) -> HelpdeskTicket:
    if organization is not None and not directory.is_member(by, organization):
        raise ValidationError(
            {"organization": _("Ask for an organization you are a member of.")}
        )
    ticket = HelpdeskTicket(
        asked_by=by,
        country=country,
        organization=organization,
        subject=(subject or "").strip(),
        message=(message or "").strip(),
    )
    ticket.full_clean()
    ticket.save()
    return ticket


@transaction.atomic
def ticket_reply(*, ticket: HelpdeskTicket, by: User, message: str) -> HelpdeskReply:
    """Add a message to the conversation of an open question."""
    ticket = HelpdeskTicket.objects.select_for_update().get(pk=ticket.pk)
    if not may_see_ticket(by, ticket):
        raise PermissionDenied(
            _(
                "Only the person who asked and the coordinators of the region "
                "reply to this question."
            )
        )
    if ticket.status != HelpdeskTicket.Status.OPEN:
        raise ValidationError(
            {"message": _("This question is handled: ask a new one to go on.")}
        )
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write a reply.")})
    if len(message) > 2000:
        raise ValidationError({"message": _("Keep the reply under 2,000 characters.")})
    reply = HelpdeskReply(ticket=ticket, by=by, message=message)
    reply.full_clean()
    reply.save()
    _tell_of_reply(ticket, reply)
    return reply


def _tell_of_reply(ticket: HelpdeskTicket, reply: HelpdeskReply) -> None:
    """The person who asked of a coordinator's reply; the coordinators of the
    person's."""
    asker_wrote = reply.by_id == ticket.asked_by_id
    notify(
        recipients=(
            coordinators_of(ticket.country) if asker_wrote else [ticket.asked_by]
        ),
        kind=Kind.HELPDESK_REPLY,
        key=f"helpdesk-reply:{reply.pk}",
        sentence=gettext_noop("A new reply to the question “%(subject)s”."),
        values={"subject": ticket.subject},
        url=reverse("community:ticket", args=[ticket.uuid]),
        but=reply.by,
    )


def _open_for(ticket: HelpdeskTicket, by: User) -> HelpdeskTicket:
    ticket = HelpdeskTicket.objects.select_for_update().get(pk=ticket.pk)
    if not handles(by, ticket):
        raise PermissionDenied(
            _("Only the country's coordinators handle this question.")
        )
    if ticket.status != HelpdeskTicket.Status.OPEN:
        raise ValidationError({"ticket": _("This question has been handled already.")})
    return ticket


@transaction.atomic
def ticket_convert(
    *, ticket: HelpdeskTicket, by: User, touches_iplc_lands: str
) -> HelpdeskTicket:
    """Turn the question into a request that waits for the focal point's
    endorsement; matches for it are marked as coming through the helpdesk."""
    ticket = _open_for(ticket, by)
    ticket.request = request_create_for_helpdesk(
        by=by,
        asked_by=ticket.asked_by,
        country=ticket.country,
        organization=ticket.organization,
        title=ticket.subject,
        challenge=ticket.message,
        touches_iplc_lands=touches_iplc_lands,
    )
    ticket.status = HelpdeskTicket.Status.CONVERTED
    ticket.handled_by, ticket.handled_at = by, timezone.now()
    ticket.save()
    return ticket


@transaction.atomic
def ticket_close(*, ticket: HelpdeskTicket, by: User, answer: str) -> HelpdeskTicket:
    """Close a question with an answer to the person who asked."""
    ticket = _open_for(ticket, by)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer the person will read.")})
    if len(answer) > 2000:
        raise ValidationError({"answer": _("Keep the answer under 2,000 characters.")})
    ticket.status, ticket.answer = HelpdeskTicket.Status.CLOSED, answer
    ticket.handled_by, ticket.handled_at = by, timezone.now()
    ticket.save()
    return ticket
