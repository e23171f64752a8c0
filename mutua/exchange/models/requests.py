"""A country's technical or scientific need: the request."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import actor
from mutua.core.models import date_errors
from mutua.core.models import refuse
from mutua.core.text import index_text
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.models import ResourceType

from .records import TEXT
from .records import CountryRecord
from .records import IplcLands
from .records import amount_field
from .records import currency_field


class Request(CountryRecord):
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
    budget_amount = amount_field()
    budget_currency = currency_field()
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # Blank only in a draft: submitting asks for the answer (see services).
    touches_iplc_lands = models.CharField(
        _("touches sacred sites or lands and waters traditionally occupied by IPLCs"),
        max_length=7,
        choices=IplcLands.choices,
        blank=True,
    )
    endorsed_by = actor()
    endorsed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    possible_duplicates = models.ManyToManyField("self", blank=True, symmetrical=False)

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
