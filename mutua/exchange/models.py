"""Needs and what can meet them: requests, offers, funding opportunities."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import validate_currency
from mutua.core.models import PublicRecord, date_errors, refuse
from mutua.core.text import index_text
from mutua.directory.models import (
    Country,
    GbfTarget,
    Language,
    Modality,
    Organization,
    Region,
    ResourceType,
)

TEXT = 5000  # the longest free text a field takes, in characters


class Beneficiary(models.TextChoices):
    IPLC = "iplc", _("Indigenous peoples and local communities")
    WOMEN = "women", _("Women")
    YOUTH = "youth", _("Youth")
    GOVERNMENT = "government", _("Government agencies")
    RESEARCHERS = "researchers", _("Researchers")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE = "private", _("Private sector")


class IplcLands(models.TextChoices):
    """The Akwé: Kon question: an answer, never assumed (blank while drafting)."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class Listing(PublicRecord):
    """What requests, offers and opportunities share: text, taxonomy, contact."""

    title = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    targets = models.ManyToManyField(GbfTarget, blank=True, related_name="+")
    modalities = models.ManyToManyField(Modality, blank=True, related_name="+")
    languages = models.ManyToManyField(Language, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Folded text of the searchable fields, kept in step by the services and
    # indexed by FTS5 (SQLite) or a GIN tsvector index (PostgreSQL).
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class Request(Listing):
    """A country's technical or scientific need (the Bio-Bridge request form)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting endorsement")
        UNDER_REVIEW = "under_review", _("Under review")
        CLARIFICATION = "clarification", _("Clarification requested")
        PUBLISHED = "published", _("Published")
        MATCHED = "matched", _("Matched")
        IN_PARTNERSHIP = "in_partnership", _("In partnership")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed without a match")

    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        SUBNATIONAL = "subnational", _("Subnational")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="requests"
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    challenge = models.TextField(_("biodiversity challenge"), max_length=TEXT)
    barriers = models.TextField(
        _("technical and scientific barriers"), max_length=TEXT, blank=True
    )
    assistance_sought = models.TextField(
        _("assistance sought and how each would help"), max_length=TEXT, blank=True
    )
    national_priorities = models.TextField(
        _("link to national priorities (NBSAP)"), max_length=TEXT, blank=True
    )
    thematic_areas = models.CharField(max_length=300, blank=True)
    resources = models.ManyToManyField(ResourceType, blank=True, related_name="+")
    level = models.CharField(
        max_length=12, choices=Level.choices, default=Level.NATIONAL
    )
    beneficiaries = models.JSONField(default=list, blank=True)
    beneficiaries_detail = models.TextField(max_length=TEXT, blank=True)
    other_governments = models.TextField(
        _("other governments involved"), max_length=TEXT, blank=True
    )
    existing_initiatives = models.TextField(max_length=TEXT, blank=True)
    other_programmes = models.TextField(
        _("sent to other programmes, and with what result"), max_length=TEXT, blank=True
    )
    objectives = models.TextField(max_length=TEXT, blank=True)
    activities = models.TextField(max_length=TEXT, blank=True)
    expected_outputs = models.TextField(max_length=TEXT, blank=True)
    expected_outcomes = models.TextField(max_length=TEXT, blank=True)
    indicators = models.TextField(max_length=TEXT, blank=True)
    co_financing = models.TextField(max_length=TEXT, blank=True)
    budget_amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(
        max_length=3, blank=True, validators=[validate_currency]
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # Blank only in a draft: submitting asks for the answer (see services).
    touches_iplc_lands = models.CharField(
        _("touches sacred sites or lands and waters traditionally occupied by IPLCs"),
        max_length=7,
        choices=IplcLands.choices,
        blank=True,
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    possible_duplicates = models.ManyToManyField("self", blank=True, symmetrical=False)

    class Meta:
        # The key breaks ties so that a list's page is found from the index alone.
        ordering = ["-published_at", "-id"]
        indexes = [
            # With the key, counts and facets read the public list off the index.
            models.Index(fields=["status", "-published_at", "id"]),
            # The country facets count per country over the public statuses,
            # country first so the count is read off the index in group order;
            # with the date, a region's page is found from the index alone.
            models.Index(fields=["country", "status", "-published_at"]),
        ]

    def get_absolute_url(self) -> str:
        return reverse("exchange:request", args=[self.uuid])

    def clean(self) -> None:
        errors = date_errors(self.start_date, self.end_date, field="end_date")
        if self.budget_amount is not None and not self.budget_currency:
            errors["budget_currency"] = _("Give the currency of the budget.")
        refuse(errors)

    def build_search_text(self) -> str:
        """The folded text the search reads, stored in `search_text`.

        Public because the services keep it in step on every write and the demo
        data writes it in bulk: both must store the same text.
        """
        return index_text(
            self.title,
            self.challenge,
            self.barriers,
            self.assistance_sought,
            self.thematic_areas,
            self.objectives,
            self.country.name,
            self.organization.name if self.organization else "",
        )


class Offer(Listing):
    """What a provider can bring: expertise, training, technology, funding."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        PAUSED = "paused", _("Paused")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Serves(models.TextChoices):
        """Whether the regions and countries served bind the matching engine."""

        PREFERENCE = "preference", _("A preference: others may still be matched")
        LIMIT = "limit", _("A limit: only requests from there are matched")

    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_(
            "The provider's country (the organization's, or the offering country)."
        ),
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    description = models.TextField(max_length=TEXT)
    track_record = models.TextField(max_length=TEXT, blank=True)
    resources = models.ManyToManyField(ResourceType, blank=True, related_name="+")
    serves_everywhere = models.BooleanField(default=True)
    serves_regions = models.ManyToManyField(Region, blank=True, related_name="+")
    serves_countries = models.ManyToManyField(Country, blank=True, related_name="+")
    serves_as = models.CharField(
        max_length=10, choices=Serves.choices, default=Serves.PREFERENCE
    )
    eligibility = models.JSONField(default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    funding = models.TextField(max_length=TEXT, blank=True)
    covers_operational_costs = models.BooleanField(default=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The key breaks ties so that a list's page is found from the index alone.
        ordering = ["-published_at", "-id"]
        indexes = [
            # With the key, counts and facets read the public list off the index.
            models.Index(fields=["status", "-published_at", "id"]),
            # The country facets count per country over the public statuses,
            # country first so the count is read off the index in group order;
            # with the date, a region's page is found from the index alone.
            models.Index(fields=["country", "status", "-published_at"]),
        ]

    def get_absolute_url(self) -> str:
        return reverse("exchange:offer", args=[self.uuid])

    def clean(self) -> None:
        refuse(date_errors(self.valid_from, self.valid_until, field="valid_until"))

    def places_left(self) -> int:
        """Engagements not taken by an active partnership (prefetch `partnerships`
        to read many offers at once)."""
        # The status of cooperation.Partnership, named here: that app builds on this one.
        taken = sum(p.status == "active" for p in self.partnerships.all())
        return max(self.capacity - taken, 0)

    def build_search_text(self) -> str:
        """The folded text the search reads, stored in `search_text`.

        Public because the services keep it in step on every write and the demo
        data writes it in bulk: both must store the same text.
        """
        return index_text(
            self.title,
            self.description,
            self.track_record,
            self.organization.name if self.organization else "",
        )


class Opportunity(Listing):
    """A donor's funding call or programme."""

    Status = Offer.Status

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="opportunities"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    description = models.TextField(max_length=TEXT)
    eligibility = models.JSONField(default=list, blank=True)
    eligibility_detail = models.TextField(max_length=TEXT, blank=True)
    how_to_apply = models.TextField(max_length=TEXT)
    url = models.URLField(blank=True)
    deadline = models.DateField(db_index=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    beneficiaries = models.JSONField(default=list, blank=True)
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        max_length=3, blank=True, validators=[validate_currency]
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline"]
        verbose_name_plural = "opportunities"

    def get_absolute_url(self) -> str:
        return reverse("exchange:opportunity", args=[self.uuid])

    def clean(self) -> None:
        errors = date_errors(self.start_date, self.end_date, field="end_date")
        if self.amount is not None and not self.currency:
            errors["currency"] = _("Give the currency of the amount.")
        refuse(errors)

    @property
    def valid_until(self):
        return self.deadline

    def build_search_text(self) -> str:
        """The folded text the search reads (see `Offer.build_search_text`)."""
        return index_text(
            self.title,
            self.description,
            self.organization.name if self.organization else "",
        )


class Transition(models.Model):
    """One lifecycle move of a request, offer or opportunity: who, when, from, to, why."""

    request = models.ForeignKey(
        Request,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(db_index=True)
    reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                name="transition_has_one_subject",
                condition=(
                    models.Q(
                        request__isnull=False,
                        offer__isnull=True,
                        opportunity__isnull=True,
                    )
                    | models.Q(
                        request__isnull=True,
                        offer__isnull=False,
                        opportunity__isnull=True,
                    )
                    | models.Q(
                        request__isnull=True,
                        offer__isnull=True,
                        opportunity__isnull=False,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status or '—'} → {self.to_status}"
