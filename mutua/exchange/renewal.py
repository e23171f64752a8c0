"""Offers and opportunities end with their validity: remind owners, then expire.

Run daily by `mutua expire-listings` (from cron or a systemd timer).
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from .models import Offer
from .models import Opportunity
from .services.listings import listing_transition

ACTIVE = (Offer.Status.PUBLISHED, Offer.Status.PAUSED)
END_FIELD = {Offer: "valid_until", Opportunity: "deadline"}
KINDS = {"offer": Offer, "opportunity": Opportunity}


def _recipients(listing: Offer | Opportunity) -> list[str]:
    emails = {listing.contact_email}
    if listing.created_by is not None:
        emails.add(listing.created_by.email)
    return sorted(e for e in emails if e)


def remind(listing: Offer | Opportunity) -> None:
    end = getattr(listing, END_FIELD[type(listing)])
    url = settings.SITE_URL + listing.get_absolute_url()
    send_mail(
        subject=f"Renew “{listing.title}” before {date_format(end)}",
        message=(
            f"“{listing.title}” stops being listed on Mutua after {date_format(end)}.\n"
            f"To keep it listed, renew it: {url}\n"
        ),
        from_email=None,
        recipient_list=_recipients(listing),
    )


@task()
def send_renewal_reminder(*, kind: str, pk: int) -> None:
    """E-mail the owner of a listing that is about to end (a background job)."""
    listing = KINDS[kind].objects.select_related("created_by").filter(pk=pk).first()
    if listing is not None:
        remind(listing)


def listings_remind_due(*, today: dt.date) -> int:
    """Remind once the owners of listings ending within the reminder window."""
    horizon = today + dt.timedelta(days=settings.RENEWAL_REMINDER_DAYS)
    sent = 0
    for model, end_field in END_FIELD.items():
        due = model.objects.filter(
            status__in=ACTIVE,
            reminder_sent_at__isnull=True,
            **{f"{end_field}__gte": today, f"{end_field}__lte": horizon},
        ).select_related("created_by")
        for listing in due:
            with transaction.atomic():
                claimed = model.objects.filter(
                    pk=listing.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=timezone.now())
                if claimed == 1:
                    transaction.on_commit(
                        partial(
                            send_renewal_reminder.enqueue,
                            kind=model._meta.model_name,
                            pk=listing.pk,
                        )
                    )
                    sent += claimed
    return sent


def listings_expire_due(*, today: dt.date) -> int:
    """Expire listings whose validity ended before today."""
    expired = 0
    for model, end_field in END_FIELD.items():
        for listing in model.objects.filter(
            status__in=ACTIVE, **{f"{end_field}__lt": today}
        ):
            listing_transition(
                listing=listing, action="expire", by=None, reason="Validity ended."
            )
            expired += 1
    return expired
