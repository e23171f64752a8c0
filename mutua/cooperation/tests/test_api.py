"""The API of partnerships and indicators: reads, writes, refusals."""

import pytest

from mutua.cooperation.models import Activity, Partnership
from mutua.testing.builders import entered
from mutua.testing.http import call, errors, http, key_of

pytestmark = pytest.mark.django_db


def partnership_body(people, **overrides) -> dict:
    return {
        "title": "Seed banks",
        "started_on": "2026-02-01",
        "targets": [20],
        "participants": [
            {"role": "beneficiary", "organization": str(people.ngo.uuid)},
            {"role": "provider", "organization": str(people.university.uuid)},
            {"role": "funder", "country": "DEU", "name": "A German foundation"},
        ],
        **overrides,
    }


def activity_body(**overrides) -> dict:
    return {
        "title": "Radio show",
        "modality": "awareness_raising",
        "delivery": "virtual",
        "held_on": "2026-05-05",
        "languages": ["ny"],
        "in_local_language": True,
        "target_groups": ["policymakers"],
        "people_reached": 1200,
        "attendance": [
            {
                "stakeholder_type": "government",
                "role": "policymaker",
                "gender": "woman",
                "count": 4,
            }
        ],
        **overrides,
    }


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


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"modality": "magic"}, "modality"),
        ({"languages": ["xx"]}, "languages.0"),
        ({"delivery": "by pigeon"}, "delivery"),
        ({"people_reached": -1}, "people_reached"),
        (
            {
                "attendance": [
                    {
                        "stakeholder_type": "ngo",
                        "role": "other",
                        "gender": "man",
                        "count": 2,
                    }
                ]
                * 2
            },
            "attendance",
        ),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_kept(client, people, change, field):
    partnership = entered(people)
    response = call(
        client,
        "POST",
        f"/partnerships/{partnership.uuid}/activities",
        activity_body(**change),
        user=people.member,
    )
    assert response.status_code == 422
    assert field in errors(response)
    assert not Activity.objects.exists()


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


def test_indicators_and_their_values(client, people):
    entered(people)
    listed = call(client, "GET", "/indicators").json()
    assert {"TSC-01", "TSC-18", "P38-i"} <= {i["code"] for i in listed}
    values = call(
        client, "GET", "/indicators/P38-g/values?year=2026&by=cooperation_type"
    ).json()
    assert values["value"]["value"] == 1
    assert values["breakdown"][0]["key"] == "south_south"
    assert call(client, "GET", "/indicators/NOPE/values").status_code == 404
    for query in ("by=colour", "year=1066", "region=999", "group=rich"):
        response = call(client, "GET", f"/indicators/P38-g/values?{query}")
        assert response.status_code == 422, query


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


def test_attendance_above_the_reach_is_kept_only_with_a_reason(client, people):
    partnership = entered(people)
    path = f"/partnerships/{partnership.uuid}/activities"
    body = activity_body(people_reached=3)
    refused = call(client, "POST", path, body, user=people.member)
    assert refused.status_code == 422
    assert errors(refused) == {
        "attendance": "4 people took part but the activity reached 3: correct the "
        "numbers, or confirm them and say why."
    }
    assert not Activity.objects.exists()
    body["attendance_reason"] = "The reach counts the first day only."
    response = call(client, "POST", path, body, user=people.member)
    assert response.status_code == 201, response.content
    assert Activity.objects.get().attendance_reason == body["attendance_reason"]
