"""What Mutua tells people, and how each wants to hear it.

A notification is written once per event and recipient (its `key` names the
event): the database refuses a second, so that nothing is told twice however
often the code that tells it runs. Its sentence is kept untranslated with its
values, and read in the reader's language (`texts.sentence`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MATCH_PROPOSED = "match_proposed", _("A match proposed to you")
    MATCH_ANSWERED = "match_answered", _("An answer to your proposal")
    THREAD_REPLY = "thread_reply", _("A reply in a thread you follow")
    HELPDESK_REPLY = "helpdesk_reply", _("A reply at the helpdesk")
    REVIEW_WAITING = "review_waiting", _("A request of your region waiting for review")
    CALL_NEWS = "call_news", _("A call's deadlines and published answers")
    DEADLINE = "deadline", _("A deadline of yours about to pass")
    ESCALATED = "escalated", _("A request of your region left unmatched")
    FITTING = "fitting", _("New requests or offers that fit yours")
    FOLLOWED_OFFER = "followed_offer", _("A new request that fits an offer you follow")


class Delivery(models.TextChoices):
    INBOX = "inbox", _("In Mutua only")
    EMAIL = "email", _("By e-mail at once")
    DAILY = "daily", _("In a daily e-mail digest")
    WEEKLY = "weekly", _("In a weekly e-mail digest")


# What a user hears of each kind until it chooses.
DEFAULT_DELIVERY = {kind: Delivery.EMAIL for kind in Kind} | {
    Kind.FITTING: Delivery.WEEKLY
}
DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


class Notification(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)  # the event, e.g. "match:<uuid>:proposed"
    # An English sentence marked for translation, and its values.
    sentence = models.CharField(max_length=300)
    values = models.JSONField(default=dict)
    url = models.CharField(max_length=500)
    # How the recipient chose to hear of its kind when it was written.
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail, alone or in a digest.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="one_notification_an_event"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            # Those waiting for e-mail, and a recipient's waiting digest.
            models.Index(
                fields=["delivery", "emailed_at", "recipient"],
                name="notification_to_send",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.key}"


class Preference(models.Model):
    """How a user wants to hear of one kind of notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} {self.delivery}"
