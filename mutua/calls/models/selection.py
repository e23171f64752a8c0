"""The selection that ends a call, and its follow-up (¶47 a v–viii): the selected
entity accepts within one month, the host agreement is signed within three, and
donors pledge to the selected host."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.directory.models import Organization
from mutua.exchange.models.records import amount_field
from mutua.exchange.models.records import currency_field

from .applications import Application
from .applications import Document
from .calls import Call


class Selection(PublicRecord):
    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for acceptance")
        ACCEPTED = "accepted", _("Accepted; host agreement to sign")
        SIGNED = "signed", _("Host agreement signed")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Not accepted in time")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="selections")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="selection"
    )
    justification = models.TextField(max_length=5000)
    # What the body consulted before the choice said (¶47 a v), as received.
    consulted_input = models.TextField(max_length=5000, blank=True)
    selected_by = actor()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.AWAITING, db_index=True
    )
    acceptance_due = models.DateField()
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=2000, blank=True)
    agreement_due = models.DateField()
    agreement_signed_on = models.DateField(null=True, blank=True)
    agreement = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acceptance_reminded_at = models.DateTimeField(null=True, blank=True)
    agreement_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application.organization} for {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("calls:selection", args=[self.uuid])


class Pledge(models.Model):
    """What a donor pledges to a selected host (¶47 a vii)."""

    selection = models.ForeignKey(
        Selection, on_delete=models.CASCADE, related_name="pledges"
    )
    donor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    amount = amount_field()
    currency = currency_field()
    note = models.TextField(max_length=2000, blank=True)
    recorded_by = actor()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.donor}: {self.amount} {self.currency}"
