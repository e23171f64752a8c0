"""Writes of notifications: telling people of an event, reading, choosing.

Other apps tell of their events through `notify`; how each recipient hears of
it follows that recipient's choice for the kind.
"""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import NotFound
from mutua.core.errors import ValidationError
from mutua.directory.models import Profile

from . import jobs
from . import unsubscribe
from .models import DEFAULT_DELIVERY
from .models import Delivery
from .models import Kind
from .models import Notification
from .models import Preference
from .selectors import deliveries_of


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    key: str,
    sentence: str,
    values: dict[str, str],
    url: str,
    but: User | None = None,
) -> int:
    """Tell each recipient (but `but`, who did it) of one event, once; how
    many were told now.

    `key` names the event: a recipient already told of it is not told again,
    and the database sees to that when two tell it at once. `sentence` is
    English marked with `gettext_noop`, with %(name)s for each of `values`. Those who want e-mail
    at once get it from the worker, after the transaction commits.
    """
    users = {u.pk: u for u in recipients if u.is_active and u != but}
    told = Notification.objects.filter(key=key, recipient__in=users)
    for pk in told.values_list("recipient", flat=True):
        del users[pk]
    if not users:
        return 0
    chosen = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list(
            "user", "delivery"
        )
    )
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            key=key,
            sentence=sentence,
            values=values,
            url=url,
            delivery=chosen.get(pk, DEFAULT_DELIVERY[kind]),
        )
        for pk in users
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(row.delivery == Delivery.EMAIL for row in rows):
        transaction.on_commit(lambda: jobs.send_emails.enqueue(key))
    return len(rows)


def notification_read(*, notification: Notification, by: User) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, by: User) -> int:
    """Mark every unread notification of the user read; how many were."""
    unread = Notification.objects.filter(recipient=by, read_at=None)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_set(
    *, by: User, deliveries: dict[str, str], language: str | None = None
) -> dict[str, str]:
    """Set how the user hears of each kind named, and the language it reads in."""
    errors = {
        kind: _("Choose one of: %(choices)s.") % {"choices": ", ".join(Delivery.values)}
        for kind, delivery in deliveries.items()
        if delivery not in Delivery.values
    }
    errors |= {
        kind: _("No such kind of notification.")
        for kind in deliveries
        if kind not in Kind.values
    }
    if errors:
        raise ValidationError(errors)
    _choose(by, deliveries)
    if language is not None:
        profile, _created = Profile.objects.get_or_create(user=by)
        profile.language = language
        profile.full_clean(validate_unique=False)
        profile.save(update_fields=["language"])
    return deliveries_of(by)


def _choose(user: User, deliveries: dict[str, str]) -> None:
    for kind, delivery in deliveries.items():
        Preference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )


def _read_link(token: str) -> tuple[int, list[str]]:
    try:
        return unsubscribe.read(token)
    except unsubscribe.BadToken as error:
        raise NotFound(
            {"token": _("This link is not valid: it was altered or cut short.")}
        ) from error


def unsubscribe_kinds(*, token: str) -> list[str]:
    """The kinds a link would stop e-mails of; a link altered is refused."""
    return _read_link(token)[1]


@transaction.atomic
def unsubscribe_by_link(*, token: str) -> tuple[User, list[str]]:
    """Hear of the link's kinds in the inbox only, for the link's recipient."""
    user_id, kinds = _read_link(token)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise NotFound({"token": _("This link's account no longer exists.")})
    _choose(user, dict.fromkeys(kinds, Delivery.INBOX))
    return user, kinds
