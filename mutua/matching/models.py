"""Matches between requests and offers, the engine's suggestions, its settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.models import Partnership
from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.exchange.models import Offer
from mutua.exchange.models import Request


class MatchingSettings(models.Model):
    """The engine's weights and the allocation priority: one row, set by the secretariat."""

    weights = models.JSONField(default=dict, blank=True)
    priority = models.FloatField(
        default=0.5,
        help_text=_(
            "How much more an LDC or SIDS request counts in allocation rounds."
        ),
    )
    # The response windows: how long each side has to answer a proposal, and
    # how long a published request may wait unmatched before its region's
    # coordinators are asked to step in.
    answer_days = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(7), MaxValueValidator(365)]
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    def __str__(self) -> str:
        return "Matching settings"


class Suggestion(models.Model):
    """One of the engine's best offers for a published request, with why."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="suggestions"
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    parts = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["request", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="one_suggestion")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. offer {self.offer_id} for request {self.request_id}"


class Match(PublicRecord):
    """A proposed pairing of a request and an offer; both sides must accept it."""

    # A partnership keeps its match's origin, so both use the same codes; only
    # a partnership can be entered directly.
    Origin = Partnership.Origin
    ORIGINS = [c for c in Partnership.Origin.choices if c[0] != "direct"]

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by both sides")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed: not answered in time")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not yet answered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    request = models.ForeignKey(
        Request, on_delete=models.PROTECT, related_name="matches"
    )
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="matches")
    origin = models.CharField(max_length=12, choices=ORIGINS)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    proposed_by = actor()
    requester_decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    requester_decided_by = actor()
    requester_decided_at = models.DateTimeField(null=True, blank=True)
    provider_decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    provider_decided_by = actor()
    provider_decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True, max_length=2000)
    # The response window: both sides answer by then, or the proposal lapses.
    answer_by = models.DateTimeField(null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    lapsed_at = models.DateTimeField(null=True, blank=True)
    partnership = models.OneToOneField(
        "cooperation.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "offer"],
                condition=Q(status="proposed"),
                name="one_open_match_a_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ↔ {self.offer}"


class Escalation(models.Model):
    """A published request left without an accepted match for too long, on its
    region's coordinators' queue until one of them takes it up."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, related_name="escalation"
    )
    escalated_at = models.DateTimeField(auto_now_add=True)
    taken_up_by = actor()
    taken_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["escalated_at", "id"]

    def __str__(self) -> str:
        return f"Escalated: {self.request}"


class Subscription(models.Model):
    """A provider asks to hear of each new request its offer fits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    told_about = models.ManyToManyField(Request, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "offer"], name="one_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.offer}"


class AllocationRound(PublicRecord):
    """A coordinator's round: a region's published requests over the offers with places."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Being worked out")
        DRAFT = "draft", _("Proposed, open to changes")
        SENT = "sent", _("Sent as match proposals")
        FAILED = "failed", _("Could not be worked out")

    region = models.ForeignKey(
        "directory.Region", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.FloatField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    requests_considered = models.PositiveIntegerField(default=0)
    offers_considered = models.PositiveIntegerField(default=0)
    optimal_objective = models.FloatField(null=True, blank=True)
    greedy_objective = models.FloatField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Round for {self.region} ({self.created_at:%Y-%m-%d})"

    @property
    def gain(self) -> float | None:
        """What the optimum gains over greedy, in per cent of greedy's total."""
        if not self.greedy_objective or self.optimal_objective is None:
            return None
        return (
            (self.optimal_objective - self.greedy_objective)
            / self.greedy_objective
            * 100
        )


class RoundPair(models.Model):
    """One request and the offer a round gives it, with the engine's reasons."""

    round = models.ForeignKey(
        AllocationRound, on_delete=models.CASCADE, related_name="pairs"
    )
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    fit = models.FloatField()
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["-fit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "request"], name="one_offer_a_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.offer}"
