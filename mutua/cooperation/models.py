"""Partnerships and what they produce: activities, technologies, publications,
policies and funding flows, whether or not the cooperation began here."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import validate_currency
from mutua.core.models import PublicRecord, date_errors, refuse
from mutua.directory.models import (
    Country,
    GbfTarget,
    Language,
    Modality,
    Organization,
    TargetGroup,
)
from mutua.exchange.models import Offer, Request

from .cooperation_type import CooperationType, cooperation_type
from .cooperation_type import Participant as TypeParticipant


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


class Delivery(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    FACE_TO_FACE = "face_to_face", _("Face-to-face")
    HYBRID = "hybrid", _("Hybrid")


class Activity(models.Model):
    """Something a partnership does: a training, an exchange, an awareness event…

    Its modality says what kind (the reference list, awareness raising included).
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(max_length=200)
    modality = models.ForeignKey(Modality, on_delete=models.PROTECT, related_name="+")
    delivery = models.CharField(max_length=12, choices=Delivery.choices)
    held_on = models.DateField(db_index=True)
    lead_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_name = models.CharField(
        max_length=200, blank=True, help_text=_("For a lead not on the platform.")
    )
    lead_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_is_iplc = models.BooleanField(
        _("led by indigenous peoples or local communities"), default=False
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="+")
    in_local_language = models.BooleanField(
        _("delivered in a local language"), default=False
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="+")
    people_reached = models.PositiveIntegerField(default=0)
    attendance_reason = models.TextField(
        blank=True,
        default="",
        db_default="",
        max_length=1000,
        help_text=_(
            "Why more took part than the people reached, confirmed by the editor "
            "who counted them; empty when they did not."
        ),
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            # Activities of one modality in a period, counted and their reach
            # summed from this index alone (awareness raising, say); the key and
            # the reach are in it for that reason.
            models.Index(
                fields=["modality", "held_on", "id", "people_reached"],
                name="activity_modality_held_on",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.partnership.get_absolute_url() + f"#activity-{self.pk}"


class Attendance(models.Model):
    """How many took part in an activity, by stakeholder type, role and gender."""

    class Role(models.TextChoices):
        POLICYMAKER = "policymaker", _("Policymaker")
        SCIENTIST = "scientist", _("Scientist or researcher")
        LOCAL_EXPERT = "local_expert", _("Local or indigenous expert")
        PRACTITIONER = "practitioner", _("Practitioner or official")
        TRAINER = "trainer", _("Trainer or facilitator")
        STUDENT = "student", _("Student")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Women")
        MAN = "man", _("Men")
        OTHER = "other", _("Another gender")
        UNSTATED = "unstated", _("Not stated")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendance"
    )
    stakeholder_type = models.CharField(
        max_length=20, choices=Organization.Type.choices
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    gender = models.CharField(max_length=10, choices=Gender.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["activity", "stakeholder_type", "role", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "stakeholder_type", "role", "gender"],
                name="attendance_one_row_a_group",
            )
        ]
        indexes = [
            # The people counted for an activity, by role and stakeholder type,
            # summed from this index alone (the people reached and the shares of
            # policymakers and of local experts).
            models.Index(
                fields=["activity", "role", "stakeholder_type", "count"],
                name="attendance_activity_count",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.get_role_display()} ({self.activity})"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()


class Result(models.Model):
    """What every result shares: its partnership and the day it came about."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="%(class)s_set"
    )
    title = models.CharField(max_length=200)
    dated = models.DateField(db_index=True)

    class Meta:
        abstract = True
        ordering = ["-dated", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        kind = self._meta.model_name
        return self.partnership.get_absolute_url() + f"#{kind}-{self.pk}"


class Technology(Result):
    """A technology co-created by the partners (the date it was first shown)."""

    description = models.TextField(blank=True, max_length=5000)
    co_creators = models.ManyToManyField(Participant, blank=True, related_name="+")
    local_indigenous_experts = models.PositiveIntegerField(
        default=0, help_text=_("How many local and indigenous experts took part.")
    )
    deployed = models.BooleanField(default=False)

    class Meta(Result.Meta):
        verbose_name_plural = "technologies"


class Publication(Result):
    """Joint research published by the partners."""

    url = models.URLField(blank=True)
    authors = models.ManyToManyField(Participant, blank=True, related_name="+")


class Policy(Result):
    """A policy developed or modified with the partnership's help."""

    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        SUBNATIONAL = "subnational", _("Subnational")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    class Change(models.TextChoices):
        DEVELOPED = "developed", _("Developed")
        MODIFIED = "modified", _("Modified")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed to policymakers")
        ADOPTED = "adopted", _("Adopted")
        IMPLEMENTED = "implemented", _("Implemented")

    level = models.CharField(max_length=15, choices=Level.choices)
    change = models.CharField(max_length=10, choices=Change.choices)
    stage = models.CharField(max_length=12, choices=Stage.choices)

    class Meta(Result.Meta):
        verbose_name_plural = "policies"


# The smallest amounts a form accepts, so that a zero or negative one is refused by
# name (the database's checks say the same without naming the field).
ONE_CENT, ONE_MILLIONTH = Decimal("0.01"), Decimal("0.000001")


class ExchangeRate(models.Model):
    """Units of a currency per one unit of the reporting currency, from a date on."""

    currency = models.CharField(max_length=3, validators=[validate_currency])
    valid_from = models.DateField()
    per_reporting_unit = models.DecimalField(
        max_digits=18, decimal_places=6, validators=[MinValueValidator(ONE_MILLIONTH)]
    )
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"], name="one_rate_a_currency_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(per_reporting_unit__gt=0), name="rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.per_reporting_unit} from {self.valid_from}"


class FundingFlow(Result):
    """Money a funder gave the partnership, kept in its currency and converted."""

    class Purpose(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        SMALL_GRANT = "small_grant", _("Small grants")
        TRAINING = "training", _("Training")
        RESEARCH = "research", _("Research")
        EQUIPMENT = "equipment", _("Equipment")
        STAFF = "staff", _("Staff")
        OTHER = "other", _("Other")

    funder = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[MinValueValidator(ONE_CENT)]
    )
    currency = models.CharField(max_length=3, validators=[validate_currency])
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    rate = models.ForeignKey(
        ExchangeRate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("None when the amount is in the reporting currency."),
    )
    reporting_amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        help_text=_("The amount in the reporting currency at the stored rate."),
    )

    class Meta(Result.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="funding_positive"
            )
        ]
