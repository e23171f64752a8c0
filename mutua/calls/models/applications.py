"""Applications to calls, their answers and documents, and questions about calls."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Partnership
from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.exchange.models.records import amount_field

from .calls import TEXT
from .calls import Call
from .calls import Criterion


class Outcome(models.TextChoices):
    """What the published shortlist says of an application."""

    SHORTLISTED = "shortlisted", _("Shortlisted")
    NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
    FUNDED = "funded", _("Funded")
    BELOW_THRESHOLD = "below_threshold", _("Below the approval threshold")
    OVER_BUDGET = "over_budget", _("Beyond what the budget funds")
    INELIGIBLE = "ineligible", _("Not eligible")
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(PublicRecord):
    """An organization's expression of interest and proposal in answer to a call."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications"
    )
    # The region or subregion the applicant would serve: where it is shortlisted.
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=TEXT,
        help_text=_("The expression of interest: who you are and what you offer."),
    )
    # Seed grants: what is asked, in the call's currency, and by which partners.
    amount = amount_field()
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The partnership on Mutua whose partners apply together."),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = actor()
    # Where the published shortlist puts it (see `services.shortlist`): its mean
    # weighted total out of 100, its rank in its scope, and the outcome.
    total = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:application", args=[self.uuid])

    @property
    def scope(self) -> str:
        return self.region.name if self.region_id else str(_("Global"))


class Answer(models.Model):
    """An application's answer to one criterion of its call."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=5000)

    class Meta:
        ordering = ["criterion__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


def _document_path(document: "Document", filename: str) -> str:
    # The stored name says nothing of the person's: the original is kept apart.
    return f"calls/{document.call.uuid}/{document.uuid}"


class Document(PublicRecord):
    """A file of a call (public with it) or of an application (for those who may
    see the application). Stored outside the static files, served by a view that
    asks the access rules first."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(upload_to=_document_path, max_length=200)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=4)
    size = models.PositiveIntegerField()
    uploaded_by = actor()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("calls:document", args=[self.uuid])


class Question(PublicRecord):
    """A question about a call, asked privately. Those who run the call answer it
    and publish both, without the asker's name, to every applicant (¶47 a ii)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(max_length=2000)
    # What is published: the question as its answerer rewrote it, and the answer.
    published_text = models.TextField(max_length=2000, blank=True)
    answer = models.TextField(max_length=5000, blank=True)
    answered_by = actor()
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return (self.published_text or self.text)[:60]
