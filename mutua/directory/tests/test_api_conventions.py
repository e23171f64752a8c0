"""What the API keeps for every endpoint: a JSON 404 for an unknown path, and a
description that declares its conflicts and refuses NUL in free text."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_path_answers_a_json_404(client, people, settings, debug):
    settings.DEBUG = debug
    for path in ("/api/v1/no-such-thing", "/api/v2/requests", "/api/v1/requests/x/y"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.content[:400])
        assert response["Content-Type"] == "application/json", response.content[:500]
        assert response.json() == {
            "errors": [{"field": None, "message": "No such API endpoint."}]
        }
    response = client.post("/api/v1/no-such-thing", "{}", "application/json")
    assert response.status_code == 404 and response.json()["errors"]


def test_a_transition_refused_by_the_status_is_declared_as_a_conflict(client):
    operation = client.get("/api/openapi.json").json()["paths"][
        "/api/v1/requests/{uuid}/transitions"
    ]["post"]
    assert "409" in operation["responses"]


def test_free_text_is_declared_without_nul(client, people):
    declared = client.get("/api/openapi.json").json()
    q = next(
        p
        for p in declared["paths"]["/api/v1/requests"]["get"]["parameters"]
        if p["name"] == "q"
    )
    assert q["schema"]["pattern"] == "^[^\\u0000]*$"
    title = declared["components"]["schemas"]["RequestCreate"]["properties"]["title"]
    assert {"pattern": "^[^\\u0000]*$"} in title["allOf"]


def test_no_two_api_shapes_share_a_name():
    """The description names each shape by its class: two classes of one name
    would become one shape, and an endpoint would document the other's body."""
    from ninja import Schema

    import mutua.api  # noqa: F401 — every router, and so every shape, loaded

    def shapes(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from shapes(sub)

    found: dict[str, set[str]] = {}
    for shape in shapes(Schema):
        if shape.__module__.startswith("mutua."):
            found.setdefault(shape.__name__, set()).add(shape.__module__)
    shared = {name: modules for name, modules in found.items() if len(modules) > 1}
    assert not shared, shared
