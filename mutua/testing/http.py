"""The API through Django's test client and over real HTTP, a page's text, the
address of a lifecycle action on a record's page and of the NGO's members page.

`http` checks every answer against the committed OpenAPI description
(`docs/openapi.json`): its status is documented and its body has the shape described.
"""

import json
import urllib.error
import urllib.request
from pathlib import Path

from django.core.cache import cache
from django.core.cache import caches
from django.urls import reverse

from mutua.directory import services as directory_services
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request


def forget_cached() -> None:
    """Forget the remembered counts and log-in attempts, as a new test starts: a
    page checked after another must not find the first one's counts ready."""
    caches["facets"].clear()
    cache.clear()


def bearer(user) -> dict[str, str]:
    """An Authorization header with a fresh token of the user."""
    key = getattr(user, "_test_api_key", None)
    if key is None:
        _, key = directory_services.api_token_create(user=user, name="tests")
        user._test_api_key = key
    return {"Authorization": f"Bearer {key}"}


def call(client, method, path, body=None, *, user=None, raw=None, headers=None):
    """Send JSON to /api/v1`path`, as `user` with a bearer token if given."""
    headers = {**(bearer(user) if user else {}), **(headers or {})}
    data = raw if raw is not None else ("" if body is None else json.dumps(body))
    return client.generic(
        method,
        f"/api/v1{path}",
        data,
        content_type="application/json",
        headers=headers,
    )


def errors(response) -> dict[str | None, str]:
    """{field: message} of an error response."""
    assert response["Content-Type"].startswith("application/json")
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def text(response) -> str:
    return response.content.decode()


def act_url(record, action: str) -> str:
    kind = {Request: "request", Offer: "offer", Opportunity: "opportunity"}
    return reverse(
        f"exchange:{kind[type(record)]}_action",
        kwargs={"uuid": record.uuid, "action": action},
    )


def members_url(people) -> str:
    """The page where the Malawian NGO's admins manage its members."""
    return reverse("directory:organization_members", args=[people.ngo.uuid])


SPEC = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text()
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
