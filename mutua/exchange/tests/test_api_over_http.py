"""The API over real HTTP, as a mobile or partner application uses it.

Responses are checked against the committed OpenAPI description (docs/openapi.json).
"""

import pytest

from mutua.exchange.models import Request
from mutua.testing.builders import request_body
from mutua.testing.http import http
from mutua.testing.http import key_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_request_travels_from_draft_to_publication_over_http(live_server, people):
    member, focal_point, coordinator = (
        key_of(people.member),
        key_of(people.focal_point),
        key_of(people.coordinator),
    )
    body = request_body(
        organization=str(people.ngo.uuid),
        title="Wetland survey",
        touches_iplc_lands="no",
    )
    status, created = http(live_server, "POST", "/requests", body, key=member)
    assert status == 201 and created["status"] == "draft"
    assert created["page_url"].startswith(live_server.url)
    path = f"/requests/{created['uuid']}"
    assert http(live_server, "GET", path)[0] == 404  # a draft is not public yet
    for key, action, expected in [
        (member, "submit", "submitted"),
        (focal_point, "endorse", "under_review"),
        (coordinator, "publish", "published"),
    ]:
        status, moved = http(
            live_server, "POST", f"{path}/transitions", {"action": action}, key=key
        )
        assert (status, moved["status"]) == (200, expected)
    status, shown = http(live_server, "GET", path)
    assert status == 200 and shown["published_at"]
    status, found = http(
        live_server, "GET", "/requests?q=wetland&target=20&country=MWI&group=LDC"
    )
    assert [item["uuid"] for item in found["items"]] == [created["uuid"]]
    assert http(live_server, "GET", "/requests?country=ZAF")[1]["count"] == 0
    status, history = http(live_server, "GET", f"{path}/transitions")
    assert [t["to_status"] for t in history] == [
        "draft",
        "submitted",
        "under_review",
        "published",
    ]


def test_errors_over_http_are_json_in_one_format(live_server, people):
    outsider = key_of(people.outsider)
    status, body = http(live_server, "POST", "/requests", request_body())
    assert status == 401 and body["errors"][0]["field"] is None
    status, _ = http(live_server, "GET", "/requests", key="mt_forged")
    assert status == 401
    status, body = http(live_server, "POST", "/requests", request_body(), key=outsider)
    assert status == 403 and "focal points" in body["errors"][0]["message"]
    status, body = http(
        live_server, "GET", "/requests/00000000-0000-0000-0000-000000000000"
    )
    assert (status, body) == (
        404,
        {"errors": [{"field": None, "message": "No such request."}]},
    )
    status, body = http(
        live_server,
        "POST",
        "/requests",
        request_body(modalities=["telepathy"], title=""),
        key=key_of(people.focal_point),
    )
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"title", "modalities.0"}
    status, body = http(
        live_server, "POST", "/requests", raw="{oops", key=key_of(people.focal_point)
    )
    assert (status, body["errors"][0]["field"]) == (400, "body")
    status, body = http(live_server, "GET", "/requests?modality=telepathy")
    assert (status, body["errors"]) == (
        422,
        [{"field": "modality.0", "message": "Unknown code: telepathy."}],
    )
    assert not Request.objects.exists()
