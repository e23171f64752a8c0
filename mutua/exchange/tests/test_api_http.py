"""The API over real HTTP, as a mobile or partner application uses it.

Responses are checked against the committed OpenAPI description (docs/openapi.json).
"""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mutua.directory import services as directory_services
from mutua.exchange.models import Request

from .test_api import request_body

pytestmark = pytest.mark.django_db(transaction=True)

SPEC = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "openapi.json").read_text()
)
JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def conforms(value, schema: dict, where: str = "$") -> None:
    """Fail unless `value` has the shape `schema` describes (types, fields, enums)."""
    if "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        failures = []
        for option in schema["anyOf"]:
            try:
                conforms(value, option, where)
                return
            except AssertionError as exc:
                failures.append(str(exc))
        raise AssertionError(f"{where}: matches no option: {failures}")
    kind = schema.get("type")
    if kind:
        expected = JSON_TYPES[kind]
        wrong_bool = isinstance(value, bool) and kind in ("integer", "number")
        assert isinstance(value, expected) and not wrong_bool, f"{where}: not {kind}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if kind == "object":
        properties = schema.get("properties", {})
        missing = set(schema.get("required", [])) - set(value)
        assert not missing, f"{where}: missing {missing}"
        others = schema.get("additionalProperties")
        extra = set(value) - set(properties)
        assert not extra or isinstance(others, dict), f"{where}: undocumented {extra}"
        for name, item in value.items():
            conforms(item, properties.get(name, others), f"{where}.{name}")
    if kind == "array":
        for index, item in enumerate(value):
            conforms(item, schema["items"], f"{where}[{index}]")


def http(server, method, path, body=None, *, key=None, raw=None):
    """(status, JSON body) of a real HTTP call to the API, validated against SPEC."""
    data = raw if raw is not None else (None if body is None else json.dumps(body))
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    call = urllib.request.Request(  # noqa: S310 — the local test server
        f"{server.url}/api/v1{path}",
        data=data.encode() if data is not None else None,
        method=method,
        headers=headers,
    )
    try:
        with urllib.request.urlopen(call, timeout=10) as response:  # noqa: S310
            status, payload = response.status, json.load(response)
    except urllib.error.HTTPError as error:
        status, payload = error.code, json.load(error)
    documented = _operation(method, path)["responses"]
    assert str(status) in documented, f"{method} {path}: {status} undocumented"
    schema = documented[str(status)]["content"]["application/json"]["schema"]
    conforms(payload, schema)
    return status, payload


def _operation(method: str, path: str) -> dict:
    parts = path.split("?")[0].strip("/").split("/")
    for template, operations in SPEC["paths"].items():
        pattern = template.removeprefix("/api/v1/").split("/")
        if len(pattern) == len(parts) and all(
            p == q or p.startswith("{") for p, q in zip(pattern, parts, strict=True)
        ):
            if method.lower() in operations:
                return operations[method.lower()]
    raise AssertionError(f"{method} {path} is not in docs/openapi.json")


def key_of(user) -> str:
    return directory_services.api_token_create(user=user, name="http tests")[1]


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
