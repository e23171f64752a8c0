"""Reads of notifications: a user's inbox, its unread count, its choices."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from .models import DEFAULT_DELIVERY
from .models import Kind
from .models import Notification
from .models import Preference


def inbox(user: User, *, unread: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user)
    return notifications.filter(read_at=None) if unread else notifications


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


def deliveries_of(user: User) -> dict[str, str]:
    """How the user hears of each kind: its choice, or the default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.value: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind}
