"""Dates read one way on every page, in the reader's language."""

import datetime as dt

import pytest

from mutua.directory.models import ApiToken
from mutua.directory.services import api_token_create
from mutua.exchange.models import Transition
from mutua.testing.builders import published_offer

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 3, 5, 14, 30, tzinfo=dt.UTC)
WRITTEN = {
    "en": ("5 March 2026", "5 March 2026, 14:30"),
    "fr": ("5 mars 2026", "5 mars 2026, 14:30"),
    "es": ("5 de marzo de 2026", "5 de marzo de 2026, 14:30"),
}


@pytest.mark.parametrize("language", WRITTEN)
def test_a_token_page_writes_dates_and_times_in_the_readers_language(
    client, people, language
):
    api_token_create(user=people.provider, name="laptop")
    ApiToken.objects.update(created_at=AT, last_used_at=AT)
    client.force_login(people.provider)
    body = client.get("/tokens/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    date, date_and_time = WRITTEN[language]
    assert f"{date} ·" in body and date_and_time in body


@pytest.mark.parametrize("language", WRITTEN)
def test_a_listing_writes_its_dates_in_one_format(client, people, language):
    offer = published_offer(people, valid_until=dt.date(2099, 3, 5))
    type(offer).objects.filter(pk=offer.pk).update(published_at=AT)
    Transition.objects.update(at=AT)
    body = client.get(
        offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    date, date_and_time = WRITTEN[language]
    assert date in body and date.replace("2026", "2099") in body
    assert f'<time datetime="2026-03-05T14:30:00+00:00">{date_and_time}</time>' in body
