"""The helpdesk: people who cannot find a partner ask, and coordinators answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.exchange.models import Request


class HelpdeskTicket(PublicRecord):
    """A question to the helpdesk; a coordinator may turn it into a request."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CONVERTED = "converted", _("Turned into a request")
        CLOSED = "closed", _("Closed")

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=200)
    message = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    request = models.OneToOneField(
        Request,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helpdesk_ticket",
    )
    handled_by = actor()
    handled_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class HelpdeskReply(models.Model):
    """One message under a question, from the person who asked or a coordinator."""

    ticket = models.ForeignKey(
        HelpdeskTicket, on_delete=models.CASCADE, related_name="replies"
    )
    # Kept when the author's account goes: the conversation stays readable.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "helpdesk replies"

    def __str__(self) -> str:
        return self.message[:60]
