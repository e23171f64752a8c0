"""What the records of the exchange share: base models, choices, money fields and
the text limit.

A *record* is a request, an offer or an opportunity.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import validate_currency
from mutua.core.models import PublicRecord
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality

TEXT = 5000  # the longest free text a field takes, in characters


def amount_field() -> models.DecimalField:
    """An optional sum of money, in the currency of a `currency_field()` beside it."""
    return models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )


def currency_field() -> models.CharField:
    """The ISO 4217 code of an `amount_field()`, optional as the amount is."""
    return models.CharField(max_length=3, blank=True, validators=[validate_currency])


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


class Record(PublicRecord):
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


class CountryRecord(Record):
    """A request or an offer: a country's, listed newest published first.

    Each declares its own `country`, `status` and `published_at` (their choices
    and related names differ); their public lists read the same indexes.
    """

    class Meta:
        abstract = True
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
