"""Needs and what can meet them: requests, offers, funding opportunities."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .history import Transition
from .listings import Offer, Opportunity
from .records import TEXT, Beneficiary, IplcLands, Record
from .requests import Request

__all__ = [
    "TEXT",
    "Beneficiary",
    "ImportJob",
    "IplcLands",
    "Offer",
    "Opportunity",
    "Record",
    "Request",
    "Transition",
]


class ImportJob(models.Model):
    """A file uploaded to the import page, checked and written in the background.

    The file is kept until the job ends; then `result` holds what the page shows:
    the counts and links of what was written, or the problems found.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking every row")
        WRITING = "writing", _("Writing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=20, blank=True)
    publish = models.BooleanField(default=False)
    data = models.BinaryField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
