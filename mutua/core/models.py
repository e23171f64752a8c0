"""Fields every public record shares, so that instances can federate later."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def home_instance() -> str:
    return settings.INSTANCE_NAME


def actor() -> models.ForeignKey:
    """Who took a step on a record: endorsed, granted, handled or decided it.

    Optional, and emptied when the account goes, so that the record and its
    history stay; no reverse accessor, as nothing reads a person's steps back.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def date_errors(start: dt.date | None, end: dt.date | None, *, field: str) -> dict:
    """An end before the start, as an error of the end's field.

    Models check it in `clean()`, which forms and `full_clean()` run even when
    other fields fail, so the error comes with theirs in one round.
    """
    if start and end and end < start:
        return {field: _("The end comes before the start.")}
    return {}


def refuse(errors: dict) -> None:
    """Raise the errors a `clean()` collected, if any."""
    if errors:
        raise ValidationError(errors)


class PublicRecord(models.Model):
    """A record with a stable global id, timestamps and the instance it lives on.

    Public URLs and the API use `uuid`, never the integer primary key; `updated_at`
    feeds the change feed ("everything changed since T").
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    home_instance = models.CharField(
        max_length=100, default=home_instance, editable=False
    )

    class Meta:
        abstract = True


class LifecycleStep(models.Model):
    """One move of a record through its lifecycle: who, when, from, to, why."""

    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = actor()
    at = models.DateTimeField(db_index=True)
    reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status or '—'} → {self.to_status}"
