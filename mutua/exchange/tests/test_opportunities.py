"""Funding opportunities drafted, changed and published by their funder."""

import datetime as dt

import pytest

from mutua.exchange.models import Opportunity
from mutua.testing.builders import TODAY
from mutua.testing.builders import opportunity
from mutua.testing.builders import opportunity_body
from mutua.testing.http import act_url
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def new_opportunity(client, people, **changes):
    """The provider posts the new-opportunity page: grants of its university, with
    the `changes` given."""
    client.force_login(people.provider)
    data = {
        "organization": people.university.pk,
        "title": "Grants",
        "description": "Grants.",
        "how_to_apply": "Write.",
        "deadline": (TODAY() + dt.timedelta(days=30)).isoformat(),
    }
    return client.post("/opportunities/new/", data | changes)


def test_a_provider_drafts_and_edits_an_opportunity(client, people):
    client.force_login(people.provider)
    data = {
        "organization": people.university.pk,
        "title": "Travel grants",
        "description": "Travel grants for partners.",
        "how_to_apply": "Write to us.",
        "deadline": (TODAY() + dt.timedelta(days=30)).isoformat(),
        "amount": "5000",
        "currency": "usd",
        "beneficiaries": ["youth"],
    }
    assert client.post("/opportunities/new/", data).status_code == 302
    call = Opportunity.objects.get()
    assert call.currency == "USD" and call.beneficiaries == ["youth"]
    data["title"] = "Travel grants 2026"
    response = client.post(f"/opportunities/{call.uuid}/edit/", data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title == "Travel grants 2026"


def test_an_opportunity_amount_needs_a_currency(client, people):
    response = new_opportunity(client, people, amount="5000")
    assert 'href="#id_currency">Currency: Give the currency of the amount.' in text(
        response
    )
    assert not Opportunity.objects.exists()


def test_only_the_funder_edits_an_opportunity(client, people):
    call = opportunity(people)
    client.force_login(people.member)
    assert client.get(f"/opportunities/{call.uuid}/edit/").status_code == 403
    response = client.post(f"/opportunities/{call.uuid}/edit/", {"title": "Ours"})
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.title != "Ours"


def test_a_focal_point_without_an_organization_may_not_offer_funding(client, people):
    client.force_login(people.focal_point)
    assert client.get("/opportunities/new/").status_code == 403


def test_an_opportunity_shows_its_field_and_cross_field_errors_in_one_round(
    client, people
):
    response = new_opportunity(
        client,
        people,
        deadline="not a date",
        amount="100",
        currency="XYZ",
        start_date="2026-05-01",
        end_date="2026-04-01",
    )
    body = text(response)
    assert "Deadline: Enter a valid date." in body
    assert "Currency: Choose an ISO 4217 currency from the list." in body
    assert "End: The end comes before the start." in body
    assert not Opportunity.objects.exists()


def test_an_opportunity_is_published_by_its_funder(client, people):
    call = opportunity(people, publish=False)
    client.force_login(people.provider)
    client.post(act_url(call, "publish"))
    call.refresh_from_db()
    assert call.status == Opportunity.Status.PUBLISHED


def test_a_donor_drafts_and_publishes_an_opportunity(client, people):
    response = call(
        client,
        "POST",
        "/opportunities",
        opportunity_body(organization=str(people.university.uuid)),
        user=people.provider,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organization_name"] == "University of Cape Town"
    assert body["amount"] == "5000.00" and body["country"] == "ZAF"
    path = f"/opportunities/{body['uuid']}/transitions"
    call(client, "POST", path, {"action": "publish"}, user=people.provider)
    listed = call(client, "GET", "/opportunities?q=seed&region=018").json()
    assert [item["uuid"] for item in listed["items"]] == [body["uuid"]]
    history = call(client, "GET", path).json()
    assert [t["action"] for t in history] == ["create", "publish"]


def test_opportunity_inputs_are_validated(client, people):
    org = str(people.university.uuid)
    for body, field in [
        (opportunity_body(), "organization"),
        (opportunity_body(organization=org, amount=-1), "amount"),
        (opportunity_body(organization=org, amount="1.234"), "amount"),
        (opportunity_body(organization=org, currency="usd"), "currency"),
        (opportunity_body(organization=org, url="not a url"), "url"),
        (opportunity_body(organization=org, how_to_apply=""), "how_to_apply"),
        (opportunity_body(organization=org, resources=["expertise"]), "resources"),
    ]:
        response = call(client, "POST", "/opportunities", body, user=people.provider)
        assert response.status_code == 422, body
        assert field in errors(response), response.json()
    response = call(
        client,
        "POST",
        "/opportunities",
        opportunity_body(organization=org),
        user=people.member,
    )
    assert response.status_code == 403
    assert not Opportunity.objects.exists()


def test_a_draft_opportunity_is_the_donors_alone(client, people):
    response = call(
        client,
        "POST",
        "/opportunities",
        opportunity_body(organization=str(people.university.uuid)),
        user=people.provider,
    )
    path = f"/opportunities/{response.json()['uuid']}"
    for user in (None, people.outsider, people.member):
        assert call(client, "GET", path, user=user).status_code == 404
        assert call(client, "GET", f"{path}/transitions", user=user).status_code == 404
    for user in (people.outsider, people.member):
        response = call(client, "PATCH", path, {"title": "Mine"}, user=user)
        assert response.status_code == 404
    call(
        client,
        "POST",
        f"{path}/transitions",
        {"action": "publish"},
        user=people.provider,
    )
    for user in (people.outsider, people.member, people.focal_point):
        response = call(client, "PATCH", path, {"title": "Mine"}, user=user)
        assert response.status_code == 403
        response = call(
            client, "POST", f"{path}/transitions", {"action": "pause"}, user=user
        )
        assert response.status_code == 403
    assert Opportunity.objects.get().status == "published"
    assert Opportunity.objects.get().title == opportunity_body()["title"]
