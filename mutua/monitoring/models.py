"""The Theory of Change as data, and the recorded use that some indicators count."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.local_names import in_language
from mutua.directory.models import Country


class Level(models.TextChoices):
    """The levels of the Theory of Change (CBD/COP/15/12 ¶34–¶36)."""

    INPUTS = "inputs", _("Inputs")
    ACTIVITIES = "activities", _("Activities")
    OUTPUTS = "outputs", _("Outputs")
    OUTCOMES = "outcomes", _("Outcomes")
    IMPACT = "impact", _("Impact")
    ASSUMPTIONS = "assumptions", _("Assumptions")


class ChangeStep(models.Model):
    """One box of the Theory of Change: an input, an output, an assumption…"""

    level = models.CharField(max_length=12, choices=Level.choices)
    text = models.CharField(max_length=300)
    # The text in the other languages, by Django's language code: those of the
    # shipped steps; a step the secretariat rewrites reads in English until
    # translated again.
    texts = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return in_language(self.texts, self.text)


class Use(models.Model):
    """A focal point used the platform for their country: a sign-in or a submission.

    The share of Parties using the platform regularly is counted from these.
    """

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign-in")
        SUBMISSION = "submission", _("Submission or endorsement of a request")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.country} at {self.at:%Y-%m-%d}"
