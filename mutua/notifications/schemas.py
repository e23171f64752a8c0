"""API shapes of notifications."""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.conf import settings
from ninja import Field
from ninja import Schema

from mutua.core.schemas import PageIn
from mutua.core.schemas import StrictIn

from . import texts
from .models import Delivery
from .models import Kind
from .models import Notification

KindCode = Literal[tuple(Kind.values)]
DeliveryCode = Literal[tuple(Delivery.values)]
LanguageCode = Literal[("", *(code for code, _name in settings.LANGUAGES))]


class NotificationQuery(PageIn):
    unread: bool = Field(False, description="Only those not yet read.")


class NotificationOut(Schema):
    uuid: UUID
    kind: KindCode
    text: str = Field(..., description="In the language of the request.")
    url: str = Field(..., description="The page of what it tells of.")
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_text(obj: Notification) -> str:
        return texts.sentence(obj)


class NotificationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[NotificationOut]


class MarkedOut(Schema):
    marked: int = Field(..., description="How many were unread.")


class PreferencesOut(Schema):
    language: LanguageCode = Field(
        ..., description="The language of the e-mails; empty: the site's."
    )
    deliveries: dict[KindCode, DeliveryCode]


class PreferencesIn(StrictIn):
    language: LanguageCode | None = Field(None, description="Null: unchanged.")
    deliveries: dict[KindCode, DeliveryCode] = Field(
        {}, description="The kinds to change; the others stay as they are."
    )
