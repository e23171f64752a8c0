"""Who may read a notification: its recipient, and nobody else.

An inbox and its preferences are personal: another user's notification is
answered as if it did not exist.
"""

from mutua.core.access import visible_or_404
from mutua.directory.access import Actor

from .models import Notification


def is_recipient(user: Actor, notification: Notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk


def notification_for_user(user: Actor, uuid) -> Notification:
    return visible_or_404(
        Notification.objects.all(),
        uuid,
        user=user,
        rule=is_recipient,
        missing="No such notification.",
    )
