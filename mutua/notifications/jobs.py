"""Sending notifications by e-mail, run by `mutua db_worker`.

A notification is marked sent in the transaction that sends it, its row locked:
a job run twice, or by two workers, sends it once. A mail server that fails
makes the job fail; the worker runs it again later with a longer wait each
time (`core.jobs`), and it sends only what is still unsent.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import mail
from .models import Delivery
from .models import Notification

# A recipient's profile is joined by an outer join, which PostgreSQL will not
# lock: the lock takes the notifications' rows only.
LOCK = {"of": ("self",)}


@task()
def send_emails(key: str) -> int:
    """E-mail each recipient of one event who wants to hear of it at once."""
    waiting = Notification.objects.filter(
        key=key, delivery=Delivery.EMAIL, emailed_at=None
    )
    return sum(_send_one(pk) for pk in waiting.values_list("pk", flat=True))


def _send_one(pk: int) -> int:
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(**LOCK)
            .select_related("recipient__profile")
            .filter(pk=pk, emailed_at=None)
            .first()
        )
        if notification is None:
            return 0  # sent meanwhile
        if notification.recipient.email:
            mail.one(notification).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        return 1


@task()
def send_digests(delivery: str) -> int:
    """E-mail each recipient of a daily or weekly digest what it has not been told."""
    recipients = (
        Notification.objects.filter(delivery=delivery, emailed_at=None)
        .values_list("recipient", flat=True)
        .distinct()
        .order_by()
    )
    return sum(_send_digest(user, delivery) for user in recipients)


def _send_digest(user_id: int, delivery: str) -> int:
    with transaction.atomic():
        told = list(
            Notification.objects.select_for_update()
            .filter(recipient_id=user_id, delivery=delivery, emailed_at=None)
            .order_by("created_at", "pk")
        )
        if not told:
            return 0
        user = User.objects.select_related("profile").get(pk=user_id)
        if user.email:
            mail.digest(user, delivery, told).send()
        Notification.objects.filter(pk__in=[n.pk for n in told]).update(
            emailed_at=timezone.now()
        )
        return 1
