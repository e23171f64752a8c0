"""The history of records: one row per lifecycle move."""

from django.db import models

from mutua.core.models import LifecycleStep

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


class Transition(LifecycleStep):
    """One lifecycle move of a request, offer or opportunity."""

    request = _subject(Request)
    offer = _subject(Offer)
    opportunity = _subject(Opportunity)

    class Meta(LifecycleStep.Meta):
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
