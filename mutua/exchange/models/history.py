"""The history of records: one row per lifecycle move."""

from django.conf import settings
from django.db import models

from .listings import Offer, Opportunity
from .requests import Request


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
