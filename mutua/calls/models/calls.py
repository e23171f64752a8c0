"""Competitive selections: a call, its criteria, and every step of its lifecycle.

One mechanism serves the selection of host institutions for the regional and
subregional mechanisms (CBD/COP/15/12 ¶45–47) and seed-grant rounds (¶10).
"""

from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutua.core.models import LifecycleStep
from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.core.models import refuse
from mutua.core.text import index_text
from mutua.directory.models import Region
from mutua.exchange.models.records import amount_field
from mutua.exchange.models.records import currency_field

TEXT = 10_000


class Call(PublicRecord):
    """A call for applications, assessed by a panel against weighted criteria."""

    class Kind(models.TextChoices):
        HOST = "host", _("Host of a regional or subregional mechanism")
        GRANT = "grant", _("Seed grant")
        OTHER = "other", _("Other selection")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ASSESSMENT = "assessment", _("In assessment")
        SHORTLISTED = "shortlisted", _("Shortlist published")
        SELECTED = "selected", _("Selected")
        COMPLETED = "completed", _("Completed")

    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    # Empty for a global call; a region or subregion otherwise.
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=TEXT)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField(db_index=True)
    scale = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Each criterion is scored from 0 to this number."),
    )
    shortlist_size = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    # Seed grants only.
    budget = amount_field()
    currency = currency_field()
    grant_cap = amount_field()
    approval_threshold = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("The lowest weighted score, out of 100, that a grant needs."),
    )
    needs_two_countries = models.BooleanField(default=True)
    needs_platform_partnership = models.BooleanField(default=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = actor()
    search_text = models.TextField(blank=True, editable=False)
    # When those who run the call closed the panel's scoring.
    assessment_closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closes_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call", args=[self.uuid])

    def clean(self) -> None:
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call closes after it opens.")
        if self.kind == self.Kind.GRANT:
            errors |= self._grant_errors()
        refuse(errors)

    def _grant_errors(self) -> dict:
        required = _("A seed-grant call needs this.")
        errors = {
            name: required
            for name in ("budget", "currency", "grant_cap", "approval_threshold")
            if getattr(self, name) in (None, "")
        }
        if self.budget is not None and self.budget <= 0:
            errors["budget"] = _("The budget is more than zero.")
        if self.grant_cap is not None and self.grant_cap <= 0:
            errors["grant_cap"] = _("The amount per grant is more than zero.")
        elif self.budget and self.grant_cap and self.grant_cap > self.budget:
            errors["grant_cap"] = _("One grant cannot be more than the budget.")
        return errors

    @property
    def scope(self) -> str:
        """Global, or the name of the region or subregion the call is for."""
        return self.region.name if self.region_id else str(_("Global"))

    def accepts_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    def build_search_text(self) -> str:
        return index_text(self.title, self.description)


class Criterion(models.Model):
    """What the panel scores, with its weight in the call's total."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    guidance = models.TextField(
        max_length=2000,
        blank=True,
        help_text=_("What applicants should show, and what the panel looks for."),
    )
    weight = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["call", "position"], name="criterion_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CallStep(LifecycleStep):
    """One lifecycle move of a call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="steps")
    to_status = models.CharField(max_length=20, choices=Call.Status.choices)
