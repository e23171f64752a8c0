"""Fields every public record shares, so that instances can federate later."""

import uuid

from django.conf import settings
from django.db import models


def home_instance() -> str:
    return settings.INSTANCE_NAME


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
