"""Entering a partnership that did not start here, with its participants, on the
page and through the API."""

import pytest

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Partnership
from mutua.testing.builders import entered
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import http
from mutua.testing.http import key_of
from mutua.testing.partnerships import activity_body
from mutua.testing.partnerships import new_partnership
from mutua.testing.partnerships import partnership_body

pytestmark = pytest.mark.django_db


def test_a_member_records_a_partnership_with_its_participants(client, people):
    client.force_login(people.member)
    response = client.post("/partnerships/new/", new_partnership())
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == partnership.get_absolute_url()
    assert partnership.cooperation_type == "triangular"
    assert partnership.participants.count() == 3
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Cooperation type: Triangular" in body and "Add an activity" in body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"started_on": "someday"}, "Enter a valid date."),
        ({"participants-0-organization": "Nobody Trust"}, "No organization of that"),
        ({"participants-2-country": "XXX"}, "Choose a country from the list."),
        (
            {"participants-0-role": "provider"},
            "A partnership needs a beneficiary",
        ),
        (
            {
                "participants-1-role": "",
                "participants-1-organization": "",
                "participants-2-role": "",
                "participants-2-country": "",
                "participants-2-name": "",
            },
            "Please submit at least 2 forms.",
        ),
    ],
)
def test_bad_partnerships_are_refused_with_a_message_and_not_written(
    client, people, change, message
):
    client.force_login(people.member)
    response = client.post("/partnerships/new/", new_partnership(**change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Partnership.objects.exists()


def test_an_outsider_cannot_record_a_partnership_of_others(client, people):
    client.force_login(people.outsider)
    response = client.post("/partnerships/new/", new_partnership())
    assert response.status_code == 400
    assert "Add your organization or your country" in response.content.decode()
    assert not Partnership.objects.exists()


def test_a_new_partnership_shows_field_and_date_errors_in_one_round(client, people):
    client.force_login(people.member)
    response = client.post(
        "/partnerships/new/",
        new_partnership(
            title="x" * 201, started_on="2026-03-01", ended_on="2020-01-01"
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in body
    assert "The end comes before the start." in body
    assert not Partnership.objects.exists()


def test_a_member_records_a_partnership_and_an_activity(client, people):
    response = call(
        client, "POST", "/partnerships", partnership_body(people), user=people.member
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["cooperation_type"] == "triangular" and created["country"] == "MWI"
    assert created["targets"] == [20] and len(created["participants"]) == 3
    path = f"/partnerships/{created['uuid']}/activities"
    response = call(client, "POST", path, activity_body(), user=people.member)
    assert response.status_code == 201, response.content
    assert response.json()["attendance"][0]["count"] == 4
    listed = call(client, "GET", path).json()
    assert [a["title"] for a in listed] == ["Radio show"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"started_on": "soon"}, "started_on"),
        ({"ended_on": "2020-01-01"}, "ended_on"),
        ({"targets": [99]}, "targets.0"),
        ({"status": "dreaming"}, "status"),
        ({"colour": "green"}, "colour"),
        (
            {"participants": [{"role": "beneficiary", "country": "XXX"}] * 2},
            "participants.0.country",
        ),
        (
            {"participants": [{"role": "king", "country": "MWI"}] * 2},
            "participants.0.role",
        ),
    ],
)
def test_bad_partnerships_are_refused_naming_the_field(client, people, change, field):
    response = call(
        client,
        "POST",
        "/partnerships",
        partnership_body(people, **change),
        user=people.member,
    )
    assert response.status_code == 422
    assert field in errors(response)
    assert not Partnership.objects.exists()


def test_writes_need_a_participant(client, people):
    partnership = entered(people)
    body = partnership_body(people)
    assert call(client, "POST", "/partnerships", body).status_code == 401
    assert (
        call(client, "POST", "/partnerships", body, user=people.outsider).status_code
        == 403
    )
    response = call(
        client,
        "POST",
        f"/partnerships/{partnership.uuid}/activities",
        activity_body(),
        user=people.outsider,
    )
    assert response.status_code == 403
    assert Partnership.objects.count() == 1 and not Activity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_partnerships_and_indicators_over_http(live_server, people):
    key = key_of(people.member)
    status, created = http(
        live_server, "POST", "/partnerships", partnership_body(people), key=key
    )
    assert status == 201
    status, page = http(live_server, "GET", "/partnerships?type=triangular")
    assert status == 200 and page["items"][0]["uuid"] == created["uuid"]
    path = f"/partnerships/{created['uuid']}/activities"
    assert http(live_server, "POST", path, activity_body(), key=key)[0] == 201
    assert http(live_server, "GET", "/indicators")[0] == 200
    status, values = http(live_server, "GET", "/indicators/TSC-09/values?year=2026")
    assert status == 200 and values["value"]["value"] == 100.0
