"""The exchange API through Django's test client: validation, permissions, lifecycles."""

import datetime as dt
import uuid
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutua.directory.models import GbfTarget
from mutua.exchange import services
from mutua.exchange.models import Offer, Opportunity, Request, Transition
from mutua.exchange.schemas import (
    ListQuery,
    OfferCreate,
    OpportunityCreate,
    RequestCreate,
)
from mutua.testing.builders import (
    offer_body,
    offer_fields,
    opportunity_body,
    published_offer,
    request_body,
    request_fields,
)
from mutua.testing.http import call, errors

pytestmark = pytest.mark.django_db
S = Request.Status


# Helpers ---------------------------------------------------------------------


def drafted(people, **overrides) -> Request:
    return services.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(**overrides),
    )


def published(people, **overrides) -> Request:
    request = drafted(people, **overrides)
    services.request_transition(request=request, action="submit", by=people.member)
    services.request_transition(
        request=request, action="endorse", by=people.focal_point
    )
    return services.request_transition(
        request=request, action="publish", by=people.coordinator
    )


@pytest.fixture
def client():
    return Client()


# Reading -----------------------------------------------------------------------


def test_anonymous_visitors_list_only_published_requests(client, people):
    shown = published(people)
    drafted(people, title="A draft nobody else sees")
    response = call(client, "GET", "/requests")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    [item] = body["items"]
    assert item["uuid"] == str(shown.uuid)
    assert item["status"] == "published"
    assert item["country"] == "MWI" and item["organization"] == str(people.ngo.uuid)
    assert item["targets"] == [4, 20] and item["modalities"] == ["joint_training"]
    assert item["page_url"] == f"http://testserver/requests/{shown.uuid}/"
    assert item["home_instance"] and item["published_at"] and item["updated_at"]
    assert "id" not in item


def test_lists_search_and_filter_like_the_pages(client, people):
    fish = published(people)
    mangroves = published(
        people,
        title="Mangrove nursery",
        challenge="Coastal erosion of mangroves.",
        targets=GbfTarget.objects.filter(number=11),
    )

    def uuids(query: str) -> set[str]:
        response = call(client, "GET", f"/requests?{query}")
        assert response.status_code == 200, response.content
        return {item["uuid"] for item in response.json()["items"]}

    assert uuids("q=cichlid") == {str(fish.uuid)}
    assert uuids("q=mangrove") == {str(mangroves.uuid)}
    assert uuids("target=4") == {str(fish.uuid)}
    assert uuids("target=4&target=11") == {str(fish.uuid), str(mangroves.uuid)}
    assert uuids("modality=joint_training&language=en&resource=expertise") == {
        str(fish.uuid),
        str(mangroves.uuid),
    }
    assert uuids("country=MWI&region=014&group=LDC") == {
        str(fish.uuid),
        str(mangroves.uuid),
    }
    assert uuids("country=ZAF") == set()
    assert uuids("group=SIDS") == set()


def test_unknown_query_values_are_named(client, people):
    cases = {
        "modality=foo": {"modality.0": "Unknown code: foo."},
        "language=xx&language=yy": {
            "language.0": "Unknown code: xx.",
            "language.1": "Unknown code: yy.",
        },
        "country=ZZZ": {"country.0": "Unknown code: ZZZ."},
        "country=mwi": {"country.0": "Unknown code: mwi."},
        "region=999": {"region.0": "Unknown code: 999."},
    }
    for query, named in cases.items():
        response = call(client, "GET", f"/requests?{query}")
        assert response.status_code == 422, query
        assert errors(response) == named
    for query, field in {
        "target=abc": "target.0",
        "target=99999999999999999999999": "target.0",
        "group=RICH": "group.0",
        "page=0": "page",
        "page=x": "page",
        "page_size=101": "page_size",
        "updated_since=yesterday": "updated_since",
        "updated_since=2025-02-30T00:00:00": "updated_since",
        "updated_since=0.5": "updated_since",
        "updated_since=1700000000": "updated_since",
        f"q={'x' * 201}": "q",
    }.items():
        response = call(client, "GET", f"/offers?{query}")
        assert response.status_code == 422, query
        assert field in errors(response), (query, response.json())


def test_a_page_past_the_last_is_not_found_naming_page(client, people):
    published(people)
    response = call(client, "GET", "/requests?page=2")
    assert response.status_code == 404
    assert errors(response) == {"page": "There are 1 pages; ask for one of them."}


def test_pages_hold_at_most_page_size_items(client, people):
    for n in range(3):
        published(people, title=f"Request number {n}", challenge=f"Need {n}.")
    response = call(client, "GET", "/requests?page_size=2&page=2")
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (3, 2, 2)
    assert len(body["items"]) == 1


def test_updated_since_gives_the_changes_oldest_first(client, people):
    old = published(people, title="Old request", challenge="Old need.")
    Request.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=10)
    )
    first = published(people, title="First request", challenge="First need.")
    second = published(people, title="Second request", challenge="Second need.")
    Request.objects.filter(pk=first.pk).update(updated_at=timezone.now())
    since = (timezone.now() - dt.timedelta(days=1)).replace(tzinfo=None).isoformat()
    response = call(client, "GET", f"/requests?updated_since={since}")
    assert response.status_code == 200
    assert [i["uuid"] for i in response.json()["items"]] == [
        str(second.uuid),
        str(first.uuid),
    ]


def test_lists_do_not_query_per_item(client, people, django_assert_max_num_queries):
    published(people, title="Request 0", challenge="Need 0.")
    published_offer(people, title="Offer 0")
    with django_assert_max_num_queries(20) as few:
        call(client, "GET", "/requests")
        call(client, "GET", "/offers")
    for n in range(1, 4):
        published(people, title=f"Request {n}", challenge=f"Need {n}.")
        published_offer(people, title=f"Offer {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert call(client, "GET", "/requests").json()["count"] == 4
        assert call(client, "GET", "/offers").json()["count"] == 4


def test_a_draft_is_hidden_from_others_and_shown_to_its_owners(client, people):
    request = drafted(people)
    for user in (None, people.outsider, people.provider):
        response = call(client, "GET", f"/requests/{request.uuid}", user=user)
        assert response.status_code == 404
        assert errors(response) == {None: "No such request."}
    for user in (people.member, people.focal_point):
        response = call(client, "GET", f"/requests/{request.uuid}", user=user)
        assert response.status_code == 200
        assert response.json()["status"] == "draft"


def test_ids_in_paths_are_uuids(client, people):
    response = call(client, "GET", "/requests/42")
    assert response.status_code == 422
    assert "uuid" in errors(response)
    response = call(client, "GET", f"/offers/{uuid.uuid4()}")
    assert response.status_code == 404
    assert errors(response) == {None: "No such record."}


def test_possible_duplicates_are_shown_to_owners_and_reviewers_only(client, people):
    first = drafted(people)
    services.request_transition(request=first, action="submit", by=people.member)
    second = drafted(people)
    services.request_transition(request=second, action="submit", by=people.member)
    path = f"/requests/{second.uuid}"
    for user in (people.member, people.focal_point):
        body = call(client, "GET", path, user=user).json()
        assert body["possible_duplicates"] == [str(first.uuid)]
    assert call(client, "GET", path, user=people.outsider).status_code == 404


def _duplicate_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "possible_duplicates" in q["sql"]]


def test_the_list_loads_look_alikes_as_bare_ids_for_those_who_may_see_them(
    client, people
):
    first, second = published(people), published(people)
    assert list(second.possible_duplicates.all()) == [first]
    with CaptureQueriesContext(connection) as queries:
        body = call(client, "GET", "/requests", user=people.member).json()
    flagged = {item["uuid"]: item["possible_duplicates"] for item in body["items"]}
    assert flagged == {str(first.uuid): [], str(second.uuid): [str(first.uuid)]}
    (loaded,) = _duplicate_queries(queries)
    assert '"challenge"' not in loaded and '"search_text"' not in loaded


@pytest.mark.parametrize("who", [None, "outsider", "provider"])
def test_the_list_loads_no_look_alikes_for_those_who_may_not_see_them(
    client, people, who
):
    published(people), published(people)
    user = getattr(people, who) if who else None
    with CaptureQueriesContext(connection) as queries:
        body = call(client, "GET", "/requests", user=user).json()
    assert [item["possible_duplicates"] for item in body["items"]] == [[], []]
    assert _duplicate_queries(queries) == []


# Creating ----------------------------------------------------------------------


def test_a_member_drafts_a_request_with_codes(client, people):
    response = call(
        client,
        "POST",
        "/requests",
        request_body(
            organization=str(people.ngo.uuid),
            budget_amount="12000.50",
            budget_currency="USD",
            start_date="2026-03-01",
            end_date="2026-12-31",
        ),
        user=people.member,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    request = Request.objects.get(uuid=body["uuid"])
    assert request.status == S.DRAFT and request.created_by == people.member
    assert (request.country, request.organization) == (people.malawi, people.ngo)
    assert sorted(request.targets.values_list("number", flat=True)) == [4, 20]
    assert list(request.modalities.values_list("code", flat=True)) == ["joint_training"]
    assert request.budget_amount == 12000.5
    assert body["budget_amount"] == "12000.50"
    assert body["page_url"].endswith(f"/requests/{request.uuid}/")
    assert body["status"] == "draft" and body["created_at"]


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


NOT_YOURS = {"uuid": "No record of yours has this id."}


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


def test_outsiders_may_not_request_for_a_country(client, people):
    for user, body in [
        (people.outsider, request_body()),
        (people.provider, request_body()),
        (people.provider, request_body(organization=str(people.university.uuid))),
    ]:
        response = call(client, "POST", "/requests", body, user=user)
        assert response.status_code in (403, 422)
        assert response.json()["errors"]
    response = call(client, "POST", "/requests", request_body(), user=people.outsider)
    assert response.status_code == 403
    assert errors(response) == {
        None: "Only the country's focal points and its organizations' members "
        "may submit requests for it."
    }
    assert not Request.objects.exists()


def test_amounts_are_numbers_or_digits_kept_to_the_cent(client, people):
    for amount, kept in [(1500.504, "1500.50"), ("1500.5", "1500.50"), (7, "7.00")]:
        body = request_body(budget_amount=amount, budget_currency="USD")
        response = call(client, "POST", "/requests", body, user=people.focal_point)
        assert response.status_code == 201, response.content
        assert Request.objects.get(uuid=response.json()["uuid"]).budget_amount == (
            Decimal(kept)
        )
    for amount in ["", "1e5", "12,50", True, -1, 10**12]:
        body = request_body(budget_amount=amount, budget_currency="USD")
        response = call(client, "POST", "/requests", body, user=people.focal_point)
        assert response.status_code == 422, amount
        assert "budget_amount" in errors(response)


def test_a_member_who_names_no_organization_is_told_it_is_missing(client, people):
    response = call(client, "POST", "/requests", request_body(), user=people.member)
    assert response.status_code == 403
    assert errors(response) == {
        "organization": "Name the organization you submit this request for."
    }
    assert not Request.objects.exists()
    body = request_body(organization=str(people.ngo.uuid))
    response = call(client, "POST", "/requests", body, user=people.member)
    assert response.status_code == 201, response.content


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


# Changing ----------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(client, people):
    request = drafted(people)
    response = call(
        client,
        "PATCH",
        f"/requests/{request.uuid}",
        {"title": "A sharper title", "modalities": ["peer_learning"]},
        user=people.member,
    )
    assert response.status_code == 200, response.content
    request.refresh_from_db()
    assert request.title == "A sharper title"
    assert request.challenge == request_fields()["challenge"]
    assert list(request.modalities.values_list("code", flat=True)) == ["peer_learning"]
    assert sorted(request.targets.values_list("number", flat=True)) == [4, 20]


def test_patch_on_a_stale_copy_is_refused_with_the_stored_value(client, people):
    request = drafted(people)
    path = f"/requests/{request.uuid}"
    read = call(client, "GET", path, user=people.member).json()
    # Someone else changes the title and the targets meanwhile.
    services.request_update(
        request=request,
        by=people.member,
        title="Their newer title",
        targets=list(GbfTarget.objects.filter(number=3)),
    )
    seen = {"title": read["title"], "targets": read["targets"]}
    response = call(
        client,
        "PATCH",
        path,
        {"title": "Mine", "targets": [1], "seen": seen},
        user=people.member,
    )
    assert response.status_code == 409, response.content
    refused = errors(response)
    assert "Their newer title" in refused["title"]
    assert "3" in refused["targets"]
    request.refresh_from_db()
    assert request.title == "Their newer title"
    # A field the other edit did not touch goes through on the same copy;
    # the values seen of fields not sent are ignored.
    response = call(
        client,
        "PATCH",
        path,
        {"challenge": "Still mine", "seen": {**seen, "challenge": read["challenge"]}},
        user=people.member,
    )
    assert response.status_code == 200, response.content
    request.refresh_from_db()
    assert (request.title, request.challenge) == ("Their newer title", "Still mine")


def test_seen_values_are_validated_like_the_fields(client, people):
    request = drafted(people)
    response = call(
        client,
        "PATCH",
        f"/requests/{request.uuid}",
        {"title": "Mine", "seen": {"title": "x" * 5000, "colour": "red"}},
        user=people.member,
    )
    assert response.status_code == 422
    assert {"seen.title", "seen.colour"} <= set(errors(response))


def test_patch_refuses_nulls_identity_and_unknown_codes(client, people):
    request = drafted(people)
    path = f"/requests/{request.uuid}"
    for body, field in [
        ({"title": None}, "title"),
        ({"targets": None}, "targets"),
        ({"country": "ZAF"}, "country"),
        ({"uuid": str(uuid.uuid4())}, "uuid"),
        ({"languages": ["klingon"]}, "languages.0"),
        ({"title": ""}, "title"),
        ({"title": " \u2003 "}, "title"),
        ({"start_date": 20260101}, "start_date"),
    ]:
        response = call(client, "PATCH", path, body, user=people.member)
        assert response.status_code == 422, body
        assert field in errors(response)
    request.refresh_from_db()
    assert request.title == request_fields()["title"]
    assert request.country == people.malawi


def test_patch_by_someone_without_the_right_is_refused(client, people):
    request = published(people)
    response = call(
        client,
        "PATCH",
        f"/requests/{request.uuid}",
        {"title": "Hijacked"},
        user=people.outsider,
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] is None
    # The owner may no longer change a published request; its reviewer may.
    assert (
        call(
            client,
            "PATCH",
            f"/requests/{request.uuid}",
            {"title": "Hijacked"},
            user=people.member,
        ).status_code
        == 403
    )
    draft = drafted(people, title="Private draft")
    response = call(
        client,
        "PATCH",
        f"/requests/{draft.uuid}",
        {"title": "Hijacked"},
        user=people.outsider,
    )
    assert response.status_code == 404
    assert not Request.objects.filter(title="Hijacked").exists()


# Lifecycle ---------------------------------------------------------------------


def test_a_request_is_submitted_endorsed_and_published_through_the_api(client, people):
    request = drafted(people)
    path = f"/requests/{request.uuid}/transitions"
    steps = [
        (people.member, "submit", "submitted"),
        (people.focal_point, "endorse", "under_review"),
        (people.coordinator, "publish", "published"),
    ]
    for user, action, status in steps:
        response = call(client, "POST", path, {"action": action}, user=user)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == status
    history = call(client, "GET", path, user=people.member).json()
    assert [(t["action"], t["from_status"], t["to_status"]) for t in history] == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("endorse", "submitted", "under_review"),
        ("publish", "under_review", "published"),
    ]
    assert [t["label"] for t in history] == [
        "Created",
        "Submitted",
        "Endorsed",
        "Published",
    ]
    assert history[-1]["by"] == "coordinator" and history[-1]["at"]


def test_transitions_follow_the_permission_rules(client, people):
    request = drafted(people)
    services.request_transition(request=request, action="submit", by=people.member)
    path = f"/requests/{request.uuid}/transitions"
    response = call(client, "POST", path, {"action": "endorse"}, user=people.member)
    assert response.status_code == 403
    assert errors(response) == {None: "You may not endorse this request."}
    response = call(client, "POST", path, {"action": "endorse"}, user=people.provider)
    assert response.status_code == 404
    response = call(client, "POST", path, {"action": "publish"}, user=people.member)
    assert response.status_code == 403
    assert Request.objects.get(pk=request.pk).status == S.SUBMITTED


def test_bad_transitions_are_named(client, people):
    request = drafted(people)
    path = f"/requests/{request.uuid}/transitions"
    user = people.focal_point
    response = call(client, "POST", path, {"action": "explode"}, user=user)
    assert response.status_code == 422 and "action" in errors(response)
    response = call(client, "POST", path, {"action": "close", "reason": "x"}, user=user)
    # Well formed, but the status does not allow it: a conflict with the reason.
    assert response.status_code == 409
    assert errors(response) == {"action": "Cannot close what is draft."}
    services.request_transition(request=request, action="submit", by=user)
    response = call(client, "POST", path, {"action": "reject"}, user=people.coordinator)
    assert errors(response) == {"reason": "Give a reason to reject."}
    response = call(
        client,
        "POST",
        path,
        {"action": "reject", "reason": "x" * 2001},
        user=people.coordinator,
    )
    assert "reason" in errors(response)
    assert Transition.objects.filter(request=request).count() == 2


# Offers and opportunities ------------------------------------------------------


def test_a_provider_drafts_publishes_and_renews_an_offer(client, people):
    response = call(
        client,
        "POST",
        "/offers",
        offer_body(
            organization=str(people.university.uuid),
            serves_everywhere=False,
            serves_regions=["014", "202"],
            serves_countries=["MWI"],
            serves_as="limit",
        ),
        user=people.provider,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["country"] == "ZAF" and body["status"] == "draft"
    assert sorted(body["serves_regions"]) == ["014", "202"]
    assert body["serves_countries"] == ["MWI"] and body["serves_as"] == "limit"
    assert body["places_left"] == body["capacity"]
    assert call(client, "GET", f"/offers/{body['uuid']}").status_code == 404
    path = f"/offers/{body['uuid']}/transitions"
    response = call(client, "POST", path, {"action": "publish"}, user=people.provider)
    assert response.json()["status"] == "published"
    listed = call(client, "GET", "/offers?country=ZAF&target=4").json()
    assert [item["uuid"] for item in listed["items"]] == [body["uuid"]]
    response = call(client, "POST", path, {"action": "renew"}, user=people.provider)
    assert errors(response) == {"valid_until": "Renew until a date in the future."}
    later = str(timezone.localdate() + dt.timedelta(days=400))
    response = call(
        client,
        "POST",
        path,
        {"action": "renew", "valid_until": later},
        user=people.provider,
    )
    assert response.status_code == 200 and response.json()["valid_until"] == later
    response = call(client, "POST", path, {"action": "expire"}, user=people.provider)
    assert response.status_code == 422 and "action" in errors(response)


def test_only_the_provider_changes_an_offer(client, people):
    offer = published_offer(people)
    for user in (people.outsider, people.member, people.focal_point):
        response = call(
            client, "PATCH", f"/offers/{offer.uuid}", {"title": "Mine"}, user=user
        )
        assert response.status_code == 403
        response = call(
            client,
            "POST",
            f"/offers/{offer.uuid}/transitions",
            {"action": "withdraw"},
            user=user,
        )
        assert response.status_code == 403
    response = call(
        client,
        "PATCH",
        f"/offers/{offer.uuid}",
        {"capacity": 5, "eligibility": ["SIDS", "LDC"]},
        user=people.provider,
    )
    assert response.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.capacity, offer.status) == (
        offer_fields()["title"],
        5,
        "published",
    )


def test_offer_inputs_are_validated(client, people):
    org = str(people.university.uuid)
    for body, field in [
        (offer_body(organization=org, capacity=0), "capacity"),
        (offer_body(organization=org, capacity=1001), "capacity"),
        (offer_body(organization=org, eligibility=["RICH"]), "eligibility.0"),
        (offer_body(organization=org, serves_regions=["999"]), "serves_regions.0"),
        (offer_body(organization=org, serves_countries=["XXX"]), "serves_countries.0"),
        (offer_body(organization=org, serves_as="sometimes"), "serves_as"),
        (offer_body(organization=org, valid_until="soon"), "valid_until"),
        (offer_body(), "organization"),
    ]:
        response = call(client, "POST", "/offers", body, user=people.provider)
        assert response.status_code == 422, body
        assert field in errors(response), response.json()
    response = call(
        client,
        "POST",
        "/offers",
        offer_body(organization=org, country="MWI"),
        user=people.provider,
    )
    assert response.status_code == 403
    assert not Offer.objects.exists()


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


# Session and documentation -----------------------------------------------------


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


# Whatever a client sends ---------------------------------------------------------

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


def test_the_akwe_kon_question_is_open_in_a_draft_and_answered_to_submit(
    client, people
):
    body = request_body(organization=str(people.ngo.uuid))
    response = call(client, "POST", "/requests", body, user=people.member)
    assert response.status_code == 201 and response.json()["touches_iplc_lands"] is None
    path = f"/requests/{response.json()['uuid']}"
    response = call(
        client, "POST", f"{path}/transitions", {"action": "submit"}, user=people.member
    )
    assert response.status_code == 422
    assert "yes, no or not known" in errors(response)["touches_iplc_lands"]
    response = call(
        client, "PATCH", path, {"touches_iplc_lands": "unknown"}, user=people.member
    )
    assert response.json()["touches_iplc_lands"] == "unknown"
    response = call(
        client, "POST", f"{path}/transitions", {"action": "submit"}, user=people.member
    )
    assert response.json()["status"] == "submitted"
    response = call(
        client, "PATCH", path, {"touches_iplc_lands": None}, user=people.member
    )
    assert response.status_code == 422 and "touches_iplc_lands" in errors(response)


def test_a_focal_point_sends_a_request_back_through_the_api(client, people):
    request = drafted(people)
    services.request_transition(request=request, action="submit", by=people.member)
    path = f"/requests/{request.uuid}/transitions"
    body = {"action": "send_back"}
    response = call(client, "POST", path, body, user=people.focal_point)
    assert response.status_code == 422 and "reason" in errors(response)
    body["reason"] = "Add the budget."
    response = call(client, "POST", path, body, user=people.member)
    assert response.status_code == 403
    response = call(client, "POST", path, body, user=people.focal_point)
    assert response.json()["status"] == "clarification"
    history = call(client, "GET", path, user=people.member).json()
    assert history[-1]["reason"] == "Add the budget."


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
