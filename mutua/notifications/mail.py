"""The e-mails of notifications: one for a notification, one for a digest.

Each is written in its recipient's language and carries the headers of a
one-click unsubscribe (RFC 8058) for the kinds it tells of.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from . import texts
from . import unsubscribe
from .models import Delivery
from .models import Kind
from .models import Notification


def _message(user, subject: str, lines: list[str], kinds: list[str]) -> EmailMessage:
    link = settings.SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe.token_for(user.pk, kinds)]
    )
    settings_url = settings.SITE_URL + reverse("notifications:preferences")
    footer = [
        "",
        "--",
        _("Choose what Mutua tells you, and how: %(url)s") % {"url": settings_url},
        _("Stop these e-mails: %(url)s") % {"url": link},
    ]
    return EmailMessage(
        subject=subject,
        body="\n".join(lines + footer) + "\n",
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def one(notification: Notification) -> EmailMessage:
    user = notification.recipient
    with texts.in_language_of(user):
        told = texts.sentence(notification)
        return _message(
            user,
            subject=told[:150],
            lines=[told, "", settings.SITE_URL + notification.url],
            kinds=[notification.kind],
        )


def digest(user, delivery: str, notifications: list[Notification]) -> EmailMessage:
    with texts.in_language_of(user):
        subject = (
            _("Your daily Mutua digest")
            if delivery == Delivery.DAILY
            else _("Your weekly Mutua digest")
        )
        lines = []
        for kind in Kind:
            told = [n for n in notifications if n.kind == kind]
            if told:
                lines += ["", str(kind.label), ""]
                lines += [
                    f"- {texts.sentence(n)}\n  {settings.SITE_URL}{n.url}" for n in told
                ]
        return _message(
            user,
            subject=subject,
            lines=lines[1:],
            kinds=sorted({n.kind for n in notifications}),
        )
