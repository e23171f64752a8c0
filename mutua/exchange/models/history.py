"""The history of records: one row per lifecycle move."""

from django.db import models

from mutua.core.models import actor

from .listings import Offer
from .listings import Opportunity
from .requests import Request


def _subject(model: type[models.Model]) -> models.ForeignKey:
    """The record a move belongs to: exactly one of the three, as its constraint keeps."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="transitions",
    )


class Transition(models.Model):
    """One lifecycle move of a request, offer or opportunity: who, when, from, to, why."""

    request = _subject(Request)
    offer = _subject(Offer)
    opportunity = _subject(Opportunity)
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = actor()
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
