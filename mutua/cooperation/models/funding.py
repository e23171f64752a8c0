"""Money partnerships receive, converted at the rates the secretariat stores."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import validate_currency

from .partnerships import Participant
from .results import Result

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
