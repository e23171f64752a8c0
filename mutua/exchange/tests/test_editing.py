"""Changing a record: who may, what is saved, and edits of fields changed meanwhile."""

import uuid

import pytest

from mutua.directory.models import GbfTarget
from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_update
from mutua.testing.builders import draft
from mutua.testing.builders import draft as drafted
from mutua.testing.builders import published_request as published
from mutua.testing.builders import request_fields
from mutua.testing.builders import request_form_data
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def test_the_owner_edits_a_draft(client, people):
    request = draft(people)
    client.force_login(people.member)
    body = text(client.get(f"/requests/{request.uuid}/edit/"))
    assert 'name="country"' not in body  # who asks is settled at creation
    data = request_form_data(people, title="Barcoding, revised", targets=["4"])
    response = client.post(f"/requests/{request.uuid}/edit/", data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Barcoding, revised" and request.organization == people.ngo
    assert list(request.targets.values_list("number", flat=True)) == [4]


def test_someone_elses_draft_cannot_be_edited(client, people):
    request = draft(people)
    client.force_login(people.provider)
    assert client.get(f"/requests/{request.uuid}/edit/").status_code == 404


def test_form_pages_refuse_other_methods(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.put("/requests/new/").status_code == 405
    assert client.delete(f"/requests/{request.uuid}/edit/").status_code == 405


def test_a_reviewer_may_edit_a_request_under_review(client, people):
    from mutua.testing.builders import under_review

    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(
        f"/requests/{request.uuid}/edit/",
        request_form_data(people, title="Barcoding, clarified"),
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Barcoding, clarified" and request.organization is None


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_the_newer_value(
    client, people
):
    client.force_login(people.member)
    shown = request_form_data(people)
    client.post("/requests/new/", shown)
    request = Request.objects.get()
    body = text(client.get(f"/requests/{request.uuid}/edit/"))
    assert 'name="initial-title"' in body
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    request_update(request=request, by=people.member, title="Theirs")
    response = client.post(
        f"/requests/{request.uuid}/edit/", {**shown, **as_shown, "title": "Mine"}
    )
    assert response.status_code == 200
    assert "Someone else changed this meanwhile to “Theirs”" in text(response)
    request.refresh_from_db()
    assert request.title == "Theirs"
    # The page now carries the newer value: saving again replaces it.
    assert 'name="initial-title" value="Theirs"' in text(response)
    again = {**shown, **as_shown, "initial-title": "Theirs", "title": "Mine"}
    assert client.post(f"/requests/{request.uuid}/edit/", again).status_code == 302
    request.refresh_from_db()
    assert request.title == "Mine"


def test_an_edit_of_another_field_keeps_what_changed_meanwhile(client, people):
    client.force_login(people.member)
    shown = request_form_data(people)
    client.post("/requests/new/", shown)
    request = Request.objects.get()
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    request_update(request=request, by=people.member, title="Theirs")
    response = client.post(
        f"/requests/{request.uuid}/edit/",
        {**shown, **as_shown, "challenge": "Mine"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.title, request.challenge) == ("Theirs", "Mine")


def test_text_and_lists_that_come_back_unchanged_from_the_page_are_no_conflict(
    client, people
):
    request = draft(people, challenge="Two lines\nof text ", beneficiaries=["youth"])
    request_update(request=request, by=people.member, beneficiaries=["youth", "iplc"])
    client.force_login(people.member)
    shown = request_form_data(
        people, challenge="Two lines\r\nof text", beneficiaries=["iplc", "youth"]
    )
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    changed = {"challenge": "Mine", "beneficiaries": ["women"]}
    response = client.post(
        f"/requests/{request.uuid}/edit/", {**shown, **as_shown, **changed}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.challenge, request.beneficiaries) == ("Mine", ["women"])


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
    request_update(
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
