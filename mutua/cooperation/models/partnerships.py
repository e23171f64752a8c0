"""Partnerships and who takes part in them, with what they decide: the cooperation
type, the country where results count and regional coordination."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.core.models import date_errors
from mutua.core.models import refuse
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from ..cooperation_type import CooperationType
from ..cooperation_type import Participant as TypeParticipant
from ..cooperation_type import cooperation_type


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
    description = models.TextField(blank=True, max_length=5000)
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
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    targets = models.ManyToManyField(GbfTarget, blank=True, related_name="+")
    # Derived from the participants by `services.derive` and stored, so that
    # indicators can count and group in the database.
    cooperation_type = models.CharField(
        max_length=12,
        choices=[(t.value, t.value) for t in CooperationType],
        blank=True,
        editable=False,
        db_index=True,
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The first beneficiary's country: where results are counted."),
    )
    regionally_coordinated = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["offer", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:partnership", args=[self.uuid])

    def clean(self) -> None:
        refuse(date_errors(self.started_on, self.ended_on, field="ended_on"))

    def derived(self) -> dict:
        """What its participants decide (see `decided_by`)."""
        return decided_by(
            list(self.participants.select_related("organization__country", "country"))
        )


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
        indexes = [
            # Partnerships with an organization of a type (the participation
            # indicators) are found from this index alone.
            models.Index(
                fields=["organization", "partnership"],
                name="participant_org_partnership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        """The name it goes by: its organization's, its own, or its country's."""
        return (
            (self.organization.name if self.organization else "")
            or self.name
            or (self.country.name if self.country else "")
        )

    @property
    def place(self) -> Country | None:
        return self.country or (
            self.organization.country if self.organization else None
        )

    def as_party(self) -> TypeParticipant:
        """The participant as the cooperation-type rule sees it."""
        country = self.place
        group = country.development_group if country else ""
        return TypeParticipant(
            role=self.role,
            country=country.iso3 if country else "",
            developing=group == "developing" if group else None,
            intergovernmental=bool(
                self.organization and self.organization.type == "intergovernmental"
            ),
        )


def decided_by(participants: list[Participant]) -> dict:
    """What participants decide of their partnership: its cooperation type, the
    country where its results count (the first beneficiary's), and whether a
    regional centre coordinates it. Works on participants not saved yet."""
    kind = cooperation_type(p.as_party() for p in participants)
    beneficiaries = [
        p.place for p in participants if p.role == Participant.Role.BENEFICIARY
    ]
    return {
        "cooperation_type": kind.value if kind else "",
        "country": next((c for c in beneficiaries if c), None),
        "regionally_coordinated": any(
            p.role == Participant.Role.COORDINATING_CENTRE for p in participants
        ),
    }
