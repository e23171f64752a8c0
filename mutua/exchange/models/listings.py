"""What can meet a need: the listings, offers and funding opportunities."""

from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import date_errors
from mutua.core.models import refuse
from mutua.core.text import index_text
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.directory.models import ResourceType

from .records import TEXT
from .records import CountryRecord
from .records import Record
from .records import amount_field
from .records import currency_field


class Offer(CountryRecord):
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


class Opportunity(Record):
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
    amount = amount_field()
    currency = currency_field()
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
