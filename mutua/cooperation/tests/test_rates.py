"""The secretariat stores, corrects and deletes exchange rates on the rates page."""

import datetime as dt
from decimal import Decimal

import pytest

from mutua.cooperation import services
from mutua.cooperation.models import ExchangeRate
from mutua.cooperation.models import FundingFlow
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db
RATE = {"valid_from": "2026-01-01", "per_reporting_unit": "0.8", "source": "ECB"}


def rate(people, currency="EUR", day=dt.date(2026, 1, 1), units="0.8"):
    return services.exchange_rate_set(
        by=people.secretariat,
        currency=currency,
        valid_from=day,
        per_reporting_unit=Decimal(units),
        source="ECB",
    )


def grant(people, *, currency="EUR", dated=dt.date(2026, 5, 1)) -> FundingFlow:
    partnership = entered(people)
    return services.record_add(
        partnership=partnership,
        by=people.member,
        kind="funding",
        title="Travel grant",
        dated=dated,
        funder=partnership.participants.get(role="provider"),
        amount=Decimal("1000"),
        currency=currency,
        purpose="travel",
    )


@pytest.mark.parametrize("code", ["XYZ", "E1R", ""])
def test_a_rate_in_a_currency_outside_iso_4217_is_refused(client, people, code):
    client.force_login(people.secretariat)
    response = client.post("/exchange-rates/", {**RATE, "currency": code})
    assert response.status_code == 400
    assert "Currency" in response.content.decode()
    assert not ExchangeRate.objects.exists()


def test_the_rates_page_offers_the_currencies_as_a_list(client, people):
    client.force_login(people.secretariat)
    body = client.get("/exchange-rates/").content.decode()
    assert '<select name="currency"' in body and ">EUR — Euro</option>" in body


def test_funding_in_a_currency_outside_iso_4217_is_refused(client, people):
    partnership = entered(people)
    client.force_login(people.member)
    response = client.post(
        f"{partnership.get_absolute_url()}funding/new/",
        {
            "title": "Grant",
            "funder": partnership.participants.get(role="provider").pk,
            "amount": "100",
            "currency": "XYZ",
            "purpose": "travel",
            "dated": "2026-05-01",
        },
    )
    assert response.status_code == 400
    assert "Choose an ISO 4217 currency from the list." in response.content.decode()
    assert not FundingFlow.objects.exists()


def test_a_correction_converts_the_flows_at_the_rate_again(client, people):
    wrong = rate(people, units="8")
    flow = grant(people)
    assert flow.reporting_amount == Decimal("125.00")
    client.force_login(people.secretariat)
    page = client.get(f"/exchange-rates/{wrong.pk}/").content.decode()
    assert "Travel grant" in page and 'value="8.000000"' in page
    response = client.post(f"/exchange-rates/{wrong.pk}/", {**RATE, "currency": "EUR"})
    assert response.status_code == 302
    wrong.refresh_from_db()
    flow.refresh_from_db()
    assert wrong.per_reporting_unit == Decimal("0.8")
    assert flow.rate == wrong and flow.reporting_amount == Decimal("1250.00")


def test_a_correction_leaving_a_flow_without_a_rate_is_refused(client, people):
    used = rate(people)
    flow = grant(people)
    client.force_login(people.secretariat)
    response = client.post(f"/exchange-rates/{used.pk}/", {**RATE, "currency": "GBP"})
    assert response.status_code == 400
    assert "would have none in force" in response.content.decode()
    used.refresh_from_db()
    flow.refresh_from_db()
    assert used.currency == "EUR" and flow.reporting_amount == Decimal("1250.00")


def test_a_bad_correction_names_the_field_and_changes_nothing(client, people):
    stored = rate(people)
    client.force_login(people.secretariat)
    response = client.post(
        f"/exchange-rates/{stored.pk}/",
        {**RATE, "currency": "EUR", "per_reporting_unit": "-2"},
    )
    assert response.status_code == 400
    assert 'aria-describedby="id_per_reporting_unit_error' in response.content.decode()
    stored.refresh_from_db()
    assert stored.per_reporting_unit == Decimal("0.8")


def test_an_unused_rate_is_deleted_after_confirmation(client, people):
    mistake = rate(people)
    client.force_login(people.secretariat)
    page = client.get(f"/exchange-rates/{mistake.pk}/delete/").content.decode()
    assert "Yes, delete it" in page and ExchangeRate.objects.exists()
    response = client.post(f"/exchange-rates/{mistake.pk}/delete/")
    assert response.status_code == 302
    assert not ExchangeRate.objects.exists()


def test_a_rate_flows_were_converted_at_is_not_deleted(client, people):
    used = rate(people)
    grant(people)
    client.force_login(people.secretariat)
    page = client.get(f"/exchange-rates/{used.pk}/delete/").content.decode()
    assert "Travel grant" in page and "Yes, delete it" not in page
    response = client.post(f"/exchange-rates/{used.pk}/delete/")
    assert response.status_code == 400
    assert "correct it instead" in response.content.decode()
    assert ExchangeRate.objects.filter(pk=used.pk).exists()


@pytest.mark.parametrize("who", ["coordinator", "focal_point", "provider", "outsider"])
def test_only_the_secretariat_corrects_or_deletes_rates(client, people, who):
    stored = rate(people)
    client.force_login(getattr(people, who))
    for url in (
        f"/exchange-rates/{stored.pk}/",
        f"/exchange-rates/{stored.pk}/delete/",
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {**RATE, "currency": "GBP"}).status_code == 403
    stored.refresh_from_db()
    assert stored.currency == "EUR"


def test_visitors_are_sent_to_log_in_and_unknown_rates_are_not_found(client, people):
    stored = rate(people)
    response = client.post(f"/exchange-rates/{stored.pk}/delete/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert ExchangeRate.objects.exists()
    client.force_login(people.secretariat)
    assert client.get("/exchange-rates/9999/").status_code == 404
    assert client.put(f"/exchange-rates/{stored.pk}/delete/").status_code == 405


def test_only_the_secretariat_stores_exchange_rates(client, people):
    client.force_login(people.coordinator)
    assert client.get("/exchange-rates/").status_code == 403
    client.force_login(people.secretariat)
    rate = {"currency": "eur", "valid_from": "2026-01-01", "source": "ECB"}
    bad = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "-1"})
    assert bad.status_code == 400 and not ExchangeRate.objects.exists()
    good = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "0.92"})
    assert good.status_code == 302
    assert ExchangeRate.objects.get().currency == "EUR"


def test_a_second_rate_for_the_same_currency_and_day_is_refused(client, people):
    client.force_login(people.secretariat)
    rate = {
        "currency": "EUR",
        "valid_from": "2026-01-01",
        "per_reporting_unit": "0.9",
        "source": "ECB",
    }
    assert client.post("/exchange-rates/", rate).status_code == 302
    response = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "0.8"})
    assert response.status_code == 400
    assert ExchangeRate.objects.count() == 1
