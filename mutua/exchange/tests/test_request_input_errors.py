"""Bad input in a request, named beside its field, every error in one round."""

import uuid

import pytest

from mutua.exchange.models import Request
from mutua.testing.builders import request_body
from mutua.testing.builders import request_form_data
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def test_missing_required_fields_are_named_next_to_the_fields(client, people):
    client.force_login(people.member)
    response = client.post("/requests/new/", {})
    body = text(response)
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in body
    assert 'href="#id_title">Title: This field is required.' in body
    assert 'id="id_challenge_error"' in body
    assert not Request.objects.exists()


def test_over_long_text_is_refused_with_the_field_named(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, title="x" * 201, barriers="y" * 5001),
    )
    body = text(response)
    assert "Title: Ensure this value has at most 200 characters" in body
    assert "at most 5000 characters" in body
    assert not Request.objects.exists()


def test_the_services_rules_come_back_as_field_errors(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/", request_form_data(people, budget_amount="10")
    )
    body = text(response)
    assert (
        'href="#id_budget_currency">Currency: Give the currency of the budget.' in body
    )
    assert not Request.objects.exists()


@pytest.mark.parametrize("code", ["US$", "XYZ"])
def test_a_currency_must_be_an_iso_4217_code(client, people, code):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, budget_amount="10", budget_currency=code),
    )
    assert "Currency: Choose an ISO 4217 currency from the list." in text(response)
    assert not Request.objects.exists()


def test_the_currency_is_picked_from_a_list_and_read_in_any_case(client, people):
    client.force_login(people.member)
    page = text(client.get("/requests/new/"))
    assert '<select name="budget_currency"' in page
    assert '<option value="MWK">MWK — Malawi Kwacha</option>' in page
    client.post(
        "/requests/new/",
        request_form_data(people, budget_amount="10", budget_currency="mwk"),
    )
    assert Request.objects.get().budget_currency == "MWK"


def test_field_and_cross_field_errors_come_in_one_round(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(
            people,
            title="x" * 201,
            budget_amount="10",
            start_date="2026-05-01",
            end_date="2026-04-01",
        ),
    )
    body = text(response)
    assert "Title: Ensure this value has at most 200 characters" in body
    assert 'href="#id_end_date">End: The end comes before the start.' in body
    assert "Currency: Give the currency of the budget." in body
    assert not Request.objects.exists()


def test_an_end_before_the_start_is_shown_on_the_end_date(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, start_date="2026-05-01", end_date="2026-04-01"),
    )
    assert 'href="#id_end_date">End: The end comes before the start.' in text(response)


def test_html_typed_in_the_form_is_stored_as_text_and_shown_escaped(client, people):
    client.force_login(people.member)
    client.post(
        "/requests/new/",
        request_form_data(people, challenge="<b>bold</b> <script>x()</script>"),
    )
    request = Request.objects.get()
    assert request.challenge == "<b>bold</b> <script>x()</script>"
    body = text(client.get(request.get_absolute_url()))
    assert "&lt;script&gt;x()&lt;/script&gt;" in body and "<script>x()" not in body


def test_unknown_codes_are_named_field_by_field(client, people):
    response = call(
        client,
        "POST",
        "/requests",
        request_body(
            country="ZZZ",
            modalities=["foo"],
            languages=["xx", "en", "yy"],
            targets=[4],
            organization=str(uuid.uuid4()),
        ),
        user=people.focal_point,
    )
    assert response.status_code == 422
    assert errors(response) == {
        "country": "Unknown code: ZZZ.",
        "modalities.0": "Unknown code: foo.",
        "languages.0": "Unknown code: xx.",
        "languages.2": "Unknown code: yy.",
    }
    assert not Request.objects.exists()


def test_an_unknown_organization_is_not_found(client, people):
    body = request_body(organization=str(uuid.uuid4()))
    response = call(client, "POST", "/requests", body, user=people.focal_point)
    assert response.status_code == 404
    assert errors(response)["organization"].startswith("Unknown organization: ")
    assert not Request.objects.exists()


def test_missing_and_mistyped_fields_are_named(client, people):
    body = request_body(
        targets="4",
        touches_iplc_lands="maybe",
        budget_amount="lots",
        level="planetary",
        beneficiaries=["aliens"],
        start_date="2026-02-30",
        budget_currency="dollars",
    )
    del body["title"], body["challenge"]
    response = call(client, "POST", "/requests", body, user=people.focal_point)
    assert response.status_code == 422
    assert set(errors(response)) == {
        "title",
        "challenge",
        "targets",
        "touches_iplc_lands",
        "budget_amount",
        "level",
        "beneficiaries.0",
        "start_date",
        "budget_currency",
    }
    assert errors(response)["title"] == "Field required."
    assert not Request.objects.exists()


def test_over_long_text_and_nul_characters_are_refused(client, people):
    for field, value, fragment in [
        ("title", "x" * 201, "at most 200 characters"),
        ("challenge", "x" * 5001, "at most 5000 characters"),
        ("objectives", "x" * 5001, "at most 5000 characters"),
        ("thematic_areas", "x" * 301, "at most 300 characters"),
        ("title", "Nul\x00byte", "NUL"),
        ("contact_name", "Nul\x00byte", "NUL"),
    ]:
        response = call(
            client,
            "POST",
            "/requests",
            request_body(**{field: value}),
            user=people.focal_point,
        )
        assert response.status_code == 422, field
        assert fragment in errors(response)[field]
    assert not Request.objects.exists()


def test_rules_of_the_services_come_back_field_by_field(client, people):
    cases = [
        (
            request_body(start_date="2026-05-01", end_date="2026-01-01"),
            {"end_date": "The end comes before the start."},
        ),
        (
            request_body(budget_amount="100"),
            {"budget_currency": "Give the currency of the budget."},
        ),
        (
            request_body(contact_email="not-an-address"),
            {"contact_email": "Enter a valid email address."},
        ),
        (
            request_body(organization=str(people.university.uuid)),
            {"organization": "The organization must be of the requesting country."},
        ),
    ]
    for body, expected in cases:
        response = call(client, "POST", "/requests", body, user=people.secretariat)
        assert response.status_code == 422
        assert errors(response) == expected
    assert not Request.objects.exists()


def test_html_is_kept_as_text_and_returned_as_is(client, people):
    script = '<script>alert("x")</script><b>bold</b> & more'
    response = call(
        client,
        "POST",
        "/requests",
        request_body(title=script, challenge=script),
        user=people.focal_point,
    )
    assert response.status_code == 201
    assert response.json()["title"] == script
    assert Request.objects.get().challenge == script
    assert response["Content-Type"].startswith("application/json")


def test_a_currency_outside_iso_4217_is_refused_with_the_other_rules(client, people):
    body = request_body(
        budget_amount="100",
        budget_currency="XYZ",
        start_date="2026-05-01",
        end_date="2026-01-01",
        organization=str(people.university.uuid),
    )
    response = call(client, "POST", "/requests", body, user=people.secretariat)
    assert response.status_code == 422
    assert errors(response) == {
        "budget_currency": "XYZ is not an ISO 4217 currency code, such as USD or EUR.",
        "end_date": "The end comes before the start.",
        "organization": "The organization must be of the requesting country.",
    }
    assert not Request.objects.exists()
