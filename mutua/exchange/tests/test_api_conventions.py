"""What every endpoint of the exchange keeps: authentication, client ids, strict
bodies, declared errors, and no server error whatever a client sends."""

import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.schemas.listings import OfferCreate
from mutua.exchange.schemas.listings import OpportunityCreate
from mutua.exchange.schemas.requests import RequestCreate
from mutua.exchange.schemas.shared import ListQuery
from mutua.testing.builders import offer_body
from mutua.testing.builders import opportunity_body
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request as published
from mutua.testing.builders import request_body
from mutua.testing.http import call
from mutua.testing.http import errors

pytestmark = pytest.mark.django_db
NOT_YOURS = {"uuid": "No record of yours has this id."}
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def valid_bodies(people) -> dict[str, tuple[type, dict, object]]:
    """For each kind of record: its input schema, a valid body and its author."""
    university = str(people.university.uuid)
    return {
        "requests": (RequestCreate, request_body(), people.member),
        "offers": (OfferCreate, offer_body(organization=university), people.provider),
        "opportunities": (
            OpportunityCreate,
            opportunity_body(organization=university),
            people.provider,
        ),
    }


def test_ids_in_paths_are_uuids(client, people):
    response = call(client, "GET", "/requests/42")
    assert response.status_code == 422
    assert "uuid" in errors(response)
    response = call(client, "GET", f"/offers/{uuid.uuid4()}")
    assert response.status_code == 404
    assert errors(response) == {None: "No such record."}


def test_creating_again_with_the_same_client_id_is_harmless(client, people):
    client_id = str(uuid.uuid4())
    body = request_body(uuid=client_id)
    first = call(client, "POST", "/requests", body, user=people.focal_point)
    again = call(client, "POST", "/requests", body, user=people.focal_point)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["uuid"] == again.json()["uuid"] == client_id
    assert Request.objects.count() == 1
    taken = call(client, "POST", "/requests", body, user=people.secretariat)
    assert taken.status_code == 404
    assert errors(taken) == {"uuid": "No record of yours has this id."}


@pytest.mark.parametrize("path", ["/requests", "/offers", "/opportunities"])
def test_another_users_draft_id_answers_as_a_published_records_would(
    client, people, path
):
    """Nothing tells a hidden draft from a record anyone may see."""
    university = str(people.university.uuid)
    owner, body = {
        "/requests": (people.member, request_body(organization=str(people.ngo.uuid))),
        "/offers": (people.provider, offer_body(organization=university)),
        "/opportunities": (people.provider, opportunity_body(organization=university)),
    }[path]
    draft = call(client, "POST", path, {**body, "uuid": str(uuid.uuid4())}, user=owner)
    assert draft.json()["status"] == "draft"
    visible = {"/requests": published, "/offers": published_offer}.get(path)
    answers = []
    for taken in [
        draft.json()["uuid"],
        *([str(visible(people).uuid)] if visible else []),
    ]:
        answer = call(
            client, "POST", path, {**body, "uuid": taken}, user=people.outsider
        )
        answers.append((answer.status_code, answer.json()))
        assert answer.status_code == 404 and errors(answer) == NOT_YOURS
        assert body["title"] not in answer.content.decode()
    assert all(a == answers[0] for a in answers)
    again = call(
        client, "POST", path, {**body, "uuid": draft.json()["uuid"]}, user=owner
    )
    assert again.status_code == 200 and again.json()["uuid"] == draft.json()["uuid"]


def test_writes_need_authentication(client, people):
    request = published(people)
    for method, path, body in [
        ("POST", "/requests", request_body()),
        ("PATCH", f"/requests/{request.uuid}", {"title": "Changed"}),
        ("POST", f"/requests/{request.uuid}/transitions", {"action": "close"}),
        ("POST", "/offers", offer_body()),
        ("POST", "/opportunities", opportunity_body()),
    ]:
        response = call(client, method, path, body)
        assert response.status_code == 401, path
        assert errors(response) == {
            None: "Authentication required: send `Authorization: Bearer <token>`."
        }
    assert Request.objects.count() == 1
    assert not Offer.objects.exists() and not Opportunity.objects.exists()


def test_bad_tokens_are_refused_even_on_reads(client, people):
    for header, message in [
        ("Bearer mt_not-a-real-key", "Unknown or revoked token."),
        ("Token abc", "Send the token as `Authorization: Bearer <key>`."),
        ("Bearer ", "Send the token as `Authorization: Bearer <key>`."),
    ]:
        response = call(client, "GET", "/requests", headers={"Authorization": header})
        assert response.status_code == 401
        assert errors(response) == {None: message}


def test_bodies_that_are_not_json_objects_are_refused(client, people):
    for raw, status, message in [
        ("{not json", 400, "The body is not valid JSON."),
        ('["a", "list"]', 422, "The body must be a JSON object."),
        ("", 422, "Send a JSON object in the body."),
    ]:
        response = call(client, "POST", "/requests", raw=raw, user=people.focal_point)
        assert response.status_code == status, raw
        assert errors(response) == {"body": message}


def test_unknown_fields_are_refused(client, people):
    body = request_body(status="published", id=1)
    response = call(client, "POST", "/requests", body, user=people.focal_point)
    assert response.status_code == 422
    assert errors(response) == {"status": "Unknown field.", "id": "Unknown field."}


def test_a_signed_in_session_writes_with_its_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.focal_point)
    response = call(client, "POST", "/requests", request_body())
    assert response.status_code == 403
    assert "CSRF" in errors(response)[None]
    assert not Request.objects.exists()
    client.get("/api/docs")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = call(
        client, "POST", "/requests", request_body(), headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201
    assert (
        call(client, "GET", f"/requests/{response.json()['uuid']}").status_code == 200
    )


def test_every_operation_declares_its_error_responses(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    error_ref = "#/components/schemas/ErrorsOut"
    count = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"401", "403", "404", "422"}
            if "requestBody" in operation:
                expected.add("400")
            declared = operation["responses"]
            assert expected <= set(declared), (method, path)
            for status in expected:
                content = declared[status]["content"]["application/json"]
                assert content["schema"]["$ref"] == error_ref, (method, path, status)
            count += 1
    assert count >= 28


def test_the_interactive_docs_load_nothing_from_elsewhere(client, people):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html and "//cdn" not in html


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(["requests", "offers", "opportunities"]),
    data=st.data(),
)
def test_no_value_in_a_body_field_causes_a_server_error(client, people, kind, data):
    schema, body, user = valid_bodies(people)[kind]
    field = data.draw(st.sampled_from(sorted(schema.model_fields)))
    body[field] = data.draw(JSON_VALUES)
    response = call(client, "POST", f"/{kind}", body, user=user)
    assert response.status_code in (200, 201, 403, 422), response.content
    if response.status_code >= 400:
        assert response.json()["errors"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(sorted(ListQuery.model_fields)), st.text(max_size=12)
        ),
        max_size=4,
    )
)
def test_no_query_causes_a_server_error(client, people, params):
    response = call(client, "GET", f"/offers?{urlencode(params)}")
    assert response.status_code in (200, 422), response.content
