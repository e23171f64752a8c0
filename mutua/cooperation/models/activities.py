"""What a partnership does, and who took part, by stakeholder type, role and gender."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.models import actor
from mutua.directory.models import Country
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import TargetGroup

from .partnerships import Partnership


class Delivery(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    FACE_TO_FACE = "face_to_face", _("Face-to-face")
    HYBRID = "hybrid", _("Hybrid")


class Activity(models.Model):
    """Something a partnership does: a training, an exchange, an awareness event…

    Its modality says what kind (the reference list, awareness raising included).
    """

    # Given by the device that recorded it, so that a report sent twice (a phone
    # that lost its connection before hearing back) is recorded once.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="activities"
    )
    recorded_by = actor()
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
