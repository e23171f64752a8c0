"""Partnerships: cooperation that is happening, whether or not it began here."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.exchange.models import Offer, Request


class Partnership(PublicRecord):
    """Cooperation between a requester and a provider; its origin is kept."""

    class Origin(models.TextChoices):
        ENGINE = "engine", _("Suggested by the matching engine")
        COORDINATOR = "coordinator", _("Proposed by a coordinator")
        HELPDESK = "helpdesk", _("Through the helpdesk")
        DIRECT = "direct", _("Entered directly")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")

    title = models.CharField(max_length=200)
    request = models.ForeignKey(
        Request,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    origin = models.CharField(max_length=12, choices=Origin.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["offer", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:partnership", args=[self.uuid])
