"""Partnerships: cooperation that is happening, whether or not it began here."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.directory.models import Country, Organization
from mutua.exchange.models import Offer, Request

from .types import CooperationType, cooperation_type
from .types import Participant as TypeParticipant


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

    @property
    def cooperation_type(self) -> CooperationType | None:
        """Derived from the participants (see `types.py`), never typed in."""
        participants = self.participants.select_related(
            "organization__country", "country"
        )
        return cooperation_type(p.as_party() for p in participants)


class Participant(models.Model):
    """Who takes part in a partnership, in what role.

    An organization on the platform, or only a country, or a name entered by hand
    for cooperation that did not start here.
    """

    class Role(models.TextChoices):
        BENEFICIARY = "beneficiary", _("Beneficiary")
        PROVIDER = "provider", _("Provider")
        FUNDER = "funder", _("Funder")
        FACILITATOR = "facilitator", _("Facilitator")
        COORDINATING_CENTRE = "coordinating_centre", _("Coordinating regional centre")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For a participant not on the platform."),
    )

    class Meta:
        ordering = ["partnership", "role", "id"]

    def __str__(self) -> str:
        who = self.organization or self.name or self.country
        return f"{who} ({self.get_role_display()})"

    def as_party(self) -> TypeParticipant:
        """The participant as the cooperation-type rule sees it."""
        country = self.country or (
            self.organization.country if self.organization else None
        )
        group = country.development_group if country else ""
        return TypeParticipant(
            role=self.role,
            country=country.iso3 if country else "",
            developing=group == "developing" if group else None,
            intergovernmental=bool(
                self.organization and self.organization.type == "intergovernmental"
            ),
        )
