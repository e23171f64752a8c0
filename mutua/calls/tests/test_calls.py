"""Calls: drafting one with its criteria, publishing it, finding it, its lifecycle,
and every bad input refused with the field named, on the pages and the API."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mutua.calls.models import Call
from mutua.calls.models import CallStep
from mutua.calls.services import calls
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.directory.models import Region
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.calls import CRITERIA
from mutua.testing.calls import call_body
from mutua.testing.calls import call_fields
from mutua.testing.calls import call_form
from mutua.testing.calls import draft_call
from mutua.testing.calls import grant_fields
from mutua.testing.calls import open_call
from mutua.testing.calls import past_closing
from mutua.testing.calls import started_application
from mutua.testing.http import call as api
from mutua.testing.http import errors

pytestmark = pytest.mark.django_db


# Drafting and publishing ---------------------------------------------------------


def test_a_new_call_starts_with_the_four_criteria_of_paragraph_46(client, people):
    client.force_login(people.secretariat)
    page = client.get(reverse("calls:new"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Demonstrated ability and institutional capacity" in text
    assert "Engagement in regional and subregional" in text


def test_the_criteria_are_offered_in_the_readers_language(client, people):
    client.force_login(people.secretariat)
    page = client.get(reverse("calls:new"), headers={"accept-language": "fr"})
    assert "Expertise dans les domaines de travail" in page.content.decode()


def test_the_secretariat_drafts_publishes_and_everyone_finds_the_call(client, people):
    client.force_login(people.secretariat)
    response = client.post(reverse("calls:new"), call_form(call_fields()))
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == call.get_absolute_url()
    assert call.status == Call.Status.DRAFT and call.region is None
    assert [c.weight for c in call.criteria.all()] == [25, 25, 25, 25]
    client.logout()
    assert client.get(call.get_absolute_url()).status_code == 404
    assert call.title not in client.get(reverse("calls:list")).content.decode()

    client.force_login(people.secretariat)
    url = reverse("calls:move", args=[call.uuid, "open"])
    assert client.get(url).status_code == 200  # asks first
    client.post(url)
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    step = CallStep.objects.get(call=call)
    assert (step.from_status, step.to_status, step.by) == (
        "draft",
        "open",
        people.secretariat,
    )

    client.logout()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Biodiversity expertise" in page and "secretariat" not in page
    assert (
        call.title
        in client.get(reverse("calls:list"), {"q": "eastern centre"}).content.decode()
    )
    assert (
        call.title
        not in client.get(reverse("calls:list"), {"q": "wetlands"}).content.decode()
    )
    assert (
        call.title
        in client.get(reverse("calls:list"), {"kind": "host"}).content.decode()
    )
    assert (
        call.title
        not in client.get(reverse("calls:list"), {"kind": "grant"}).content.decode()
    )
    assert (
        call.title
        not in client.get(reverse("calls:list"), {"status": "closed"}).content.decode()
    )


def test_the_region_filter_takes_the_calls_of_the_regions_within(client, people):
    call = open_call(people)  # Eastern Africa, within Africa (002)
    assert (
        call.title
        in client.get(reverse("calls:list"), {"region": "002"}).content.decode()
    )
    assert (
        call.title
        not in client.get(reverse("calls:list"), {"region": "150"}).content.decode()
    )


def test_times_are_shown_with_their_zone(client, people):
    call = open_call(people)
    page = client.get(call.get_absolute_url()).content.decode()
    assert f'<time datetime="{call.closes_at.isoformat()}' in page
    assert "(UTC)" in page


def test_a_coordinator_drafts_only_for_its_region(client, people):
    client.force_login(people.coordinator)
    europe = Region.objects.get(code="150")
    response = client.post(reverse("calls:new"), call_form(call_fields(region="150")))
    assert response.status_code == 400
    assert "region" in response.context["form"].errors
    assert not Call.objects.exists()
    with pytest.raises(ValidationError) as refused:
        calls.call_create(by=people.coordinator, region=europe, **call_fields())
    assert "region" in refused.value.message_dict
    response = client.post(reverse("calls:new"), call_form(call_fields(region="014")))
    assert response.status_code == 302
    assert Call.objects.get().region.code == "014"


def test_a_coordinator_sees_and_runs_the_drafts_of_its_region(client, people):
    call = draft_call(people, by=people.secretariat)  # for Eastern Africa
    client.force_login(people.coordinator)
    assert call.title in client.get(reverse("calls:list")).content.decode()
    assert client.get(reverse("calls:edit", args=[call.uuid])).status_code == 200


# Bad input --------------------------------------------------------------------


BAD_FIELDS = [
    ({"closes_at": timezone.now() - dt.timedelta(days=400)}, "closes_at"),
    ({"shortlist_size": 0}, "shortlist_size"),
    ({"scale": 0}, "scale"),
    ({"title": "  "}, "title"),
]
BAD_GRANTS = [
    ({"budget": None}, "budget"),
    ({"grant_cap": 60_000}, "grant_cap"),
    ({"approval_threshold": None}, "approval_threshold"),
    ({"currency": ""}, "currency"),
]
BAD_CRITERIA = [
    [dict(c, weight=0) for c in CRITERIA],
    [dict(CRITERIA[0], weight=-5)],
    [dict(CRITERIA[0], name="")],
    [],
]


@pytest.mark.parametrize(("change", "field"), BAD_FIELDS)
def test_bad_call_fields_are_refused_by_name_on_the_page(client, people, change, field):
    client.force_login(people.secretariat)
    response = client.post(reverse("calls:new"), call_form(call_fields(**change)))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Call.objects.exists()


@pytest.mark.parametrize(("change", "field"), BAD_GRANTS)
def test_a_grant_call_needs_its_budget_cap_and_threshold(client, people, change, field):
    client.force_login(people.secretariat)
    fields = grant_fields()
    response = client.post(reverse("calls:new"), call_form(fields | change))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Call.objects.exists()


@pytest.mark.parametrize("rows", BAD_CRITERIA)
def test_criteria_that_do_not_add_up_are_refused(client, people, rows):
    client.force_login(people.secretariat)
    response = client.post(
        reverse("calls:new"), call_form(call_fields(), criteria=rows)
    )
    assert response.status_code == 400
    assert response.context["criteria"].total_error_count()
    assert not Call.objects.exists()


@pytest.mark.parametrize(("change", "field"), BAD_FIELDS + BAD_GRANTS)
def test_bad_call_fields_are_refused_by_name_in_the_api(client, people, change, field):
    body = call_body(
        **(grant_fields() | change if field in {n for _, n in BAD_GRANTS} else change)
    )
    for name in ("opens_at", "closes_at"):
        if not isinstance(body[name], str):
            body[name] = body[name].isoformat()
    response = api(client, "POST", "/calls", body, user=people.secretariat)
    assert response.status_code == 422, response.content
    assert field in errors(response)
    assert not Call.objects.exists()


@pytest.mark.parametrize("rows", BAD_CRITERIA)
def test_bad_criteria_are_refused_in_the_api(client, people, rows):
    body = call_body(criteria=rows)
    response = api(client, "POST", "/calls", body, user=people.secretariat)
    assert response.status_code == 422, response.content
    assert any(name and name.startswith("criteria") for name in errors(response))
    assert not Call.objects.exists()


# The lifecycle ----------------------------------------------------------------


def test_a_call_closes_at_its_time_not_before(people):
    call = open_call(people)
    with pytest.raises(TransitionError):
        calls.call_move(call=call, by=people.secretariat, action="close")
    call_command("close_calls")
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    past_closing(call)
    call_command("close_calls")
    call.refresh_from_db()
    assert call.status == Call.Status.CLOSED
    assert call.steps.last().by is None  # closed by the system
    calls.call_move(call=call, by=people.coordinator, action="assess")
    call.refresh_from_db()
    assert call.status == Call.Status.ASSESSMENT
    assert [s.to_status for s in call.steps.all()] == ["open", "closed", "assessment"]


def test_an_open_call_keeps_its_criteria_and_only_moves_its_closing_later(people):
    call = open_call(people)
    with pytest.raises(ValidationError) as refused:
        calls.call_update(call=call, by=people.secretariat, criteria=CRITERIA[:1])
    assert "criteria" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        calls.call_update(call=call, by=people.secretariat, scale=5)
    assert "scale" in refused.value.message_dict
    earlier = call.closes_at - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        calls.call_update(call=call, by=people.secretariat, closes_at=earlier)
    assert "closes_at" in refused.value.message_dict
    later = call.closes_at + dt.timedelta(days=7)
    calls.call_update(call=call, by=people.secretariat, closes_at=later)
    call.refresh_from_db()
    assert call.closes_at == later


def test_the_edit_page_of_an_open_call_sends_only_what_changed(client, people):
    call = open_call(people)
    client.force_login(people.coordinator)
    url = reverse("calls:edit", args=[call.uuid])
    fields = call_fields(
        description="Extended: see the new annex.",
        region="014",
        needs_two_countries=True,
        needs_platform_partnership=True,
        opens_at=call.opens_at,
        closes_at=call.closes_at,
    )
    rows = list(call.criteria.values("name", "guidance", "weight"))
    data = call_form(fields, criteria=rows)
    data["criteria-INITIAL_FORMS"] = len(rows)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert call.description == "Extended: see the new annex."


# API ----------------------------------------------------------------------------


def test_the_api_drafts_publishes_and_lists_a_call(client, people):
    response = api(client, "POST", "/calls", call_body(), user=people.coordinator)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["region"] == "014"
    assert [c["weight"] for c in created["criteria"]] == [25, 25, 25, 25]
    assert api(client, "GET", "/calls").json()["count"] == 0
    assert api(client, "GET", f"/calls/{created['uuid']}").status_code == 404

    path = f"/calls/{created['uuid']}/transitions"
    response = api(client, "POST", path, {"action": "open"}, user=people.coordinator)
    assert response.status_code == 200 and response.json()["status"] == "open"
    listed = api(client, "GET", "/calls?q=eastern").json()
    assert [c["uuid"] for c in listed["items"]] == [created["uuid"]]
    steps = api(client, "GET", path).json()
    assert steps[0]["to_status"] == "open" and steps[0]["by"] is None
    steps = api(client, "GET", path, user=people.secretariat).json()
    assert steps[0]["by"] == people.coordinator.username


def test_the_api_refuses_a_move_out_of_turn(client, people):
    call = open_call(people)
    path = f"/calls/{call.uuid}/transitions"
    response = api(client, "POST", path, {"action": "assess"}, user=people.secretariat)
    assert response.status_code == 409
    response = api(client, "POST", path, {"action": "close"}, user=people.secretariat)
    assert response.status_code == 409
    assert "closing time" in response.json()["errors"][0]["message"]


def test_drafts_are_reminded_once_three_days_before_the_call_closes(people):
    call = open_call(people)
    draft = started_application(people, call)
    assert calls.remind_drafts_before_closing() == 0  # weeks ahead
    soon = call.closes_at - dt.timedelta(days=2)
    assert calls.remind_drafts_before_closing(soon) == 1
    assert calls.remind_drafts_before_closing(soon) == 0
    (told,) = Notification.objects.filter(kind=Kind.CALL_NEWS)
    assert told.recipient == people.member and told.url == draft.get_absolute_url()
    assert "still a draft" in told.sentence
    assert told.values["date"] == call.closes_at.isoformat()  # read in any language
    out = io.StringIO()
    call_command("close_calls", stdout=out)
    assert out.getvalue().strip() == "0 reminded, 0 closed."
