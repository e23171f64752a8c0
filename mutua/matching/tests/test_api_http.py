"""The matching API over real HTTP, checked against docs/openapi.json."""

import uuid

import pytest

from mutua.testing.http import http, key_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_suggestions_and_a_match_that_becomes_a_partnership(
    live_server, people, suggested
):
    request, offer = suggested
    status, found = http(live_server, "GET", f"/requests/{request.uuid}/suggestions")
    assert status == 200
    (first,) = found
    assert first["offer"]["uuid"] == str(offer.uuid) and first["rank"] == 1
    assert first["explanation"].startswith("Both work in English")
    assert 0 <= first["parts"]["targets"] <= 1

    member, provider = key_of(people.member), key_of(people.provider)
    body = {"request": str(request.uuid), "offer": str(offer.uuid)}
    status, match = http(live_server, "POST", "/matches", body, key=member)
    assert status == 201 and match["origin"] == "engine"
    assert match["requester_decision"] == "accepted" and match["partnership"] is None
    status, again = http(live_server, "POST", "/matches", body, key=member)
    assert status == 409 and again["errors"][0]["field"] == "offer"

    answer = f"/matches/{match['uuid']}/answer"
    status, refused = http(live_server, "POST", answer, {"accept": False}, key=provider)
    assert status == 422 and refused["errors"][0]["field"] == "reason"
    status, done = http(live_server, "POST", answer, {"accept": True}, key=provider)
    assert status == 200 and done["status"] == "accepted" and done["partnership"]
    status, listed = http(live_server, "GET", f"/requests/{request.uuid}/matches")
    assert [m["uuid"] for m in listed] == [match["uuid"]]


def test_bad_input_and_refusals(live_server, people, suggested):
    request, offer = suggested
    member, outsider = key_of(people.member), key_of(people.outsider)
    cases = [
        (
            {"request": str(request.uuid), "offer": str(uuid.uuid4())},
            member,
            422,
            "offer",
        ),
        ({"request": str(request.uuid)}, member, 422, "offer"),
        ({"request": "nope", "offer": str(offer.uuid)}, member, 422, "request"),
        (
            {**{"request": str(request.uuid), "offer": str(offer.uuid)}, "x": 1},
            member,
            422,
            "x",
        ),
        ({"request": str(request.uuid), "offer": str(offer.uuid)}, outsider, 403, None),
        ({"request": str(request.uuid), "offer": str(offer.uuid)}, None, 401, None),
    ]
    for body, key, expected, field in cases:
        status, payload = http(live_server, "POST", "/matches", body, key=key)
        assert status == expected, (body, payload)
        if field:
            assert field in {e["field"] for e in payload["errors"]}, payload
    status, _ = http(live_server, "POST", "/matches", raw="{not json", key=member)
    assert status == 400
    missing = f"/matches/{uuid.uuid4()}/answer"
    assert http(live_server, "POST", missing, {"accept": True}, key=member)[0] == 404
    unknown = f"/requests/{uuid.uuid4()}/suggestions"
    assert http(live_server, "GET", unknown)[0] == 404
