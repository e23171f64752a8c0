"""A request moved along its lifecycle, on its page and through the API: who may
take each action, reasons, confirmations."""

import pytest

from mutua.directory.models import Country
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import draft
from mutua.testing.builders import draft as drafted
from mutua.testing.builders import offer
from mutua.testing.builders import published
from mutua.testing.builders import request_form_data
from mutua.testing.builders import under_review
from mutua.testing.http import act_url
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status


def test_the_owner_submits_a_draft(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(act_url(request, "submit"))
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert "Awaiting endorsement" in text(client.get(response["Location"]))


def test_actions_refuse_get(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.get(act_url(request, "submit")).status_code == 405
    assert client.get(act_url(offer(people), "pause")).status_code == 405


def test_actions_send_visitors_to_log_in(client, people):
    request = published(people)
    response = client.post(act_url(request, "close"), {"reason": "Done"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_an_outsider_may_not_act_on_a_request(client, people):
    request = published(people)
    client.force_login(people.outsider)
    response = client.post(act_url(request, "close"), {"reason": "Mine"})
    assert response.status_code == 403
    # The service's reason, on the site's refusal page.
    page = response.content.decode()
    assert "Not allowed" in page and "You may not close this request." in page
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_a_member_may_not_publish_its_own_request(client, people):
    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.member)
    assert client.post(act_url(request, "publish")).status_code == 403


def test_a_draft_is_404_to_act_on_for_others(client, people):
    request = draft(people)
    client.force_login(people.provider)
    assert client.post(act_url(request, "submit")).status_code == 404


def test_only_a_focal_point_of_the_country_endorses(client, people):
    from mutua.directory.models import RoleAssignment

    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.coordinator)  # sees it, may not endorse it
    assert client.post(act_url(request, "endorse")).status_code == 403
    RoleAssignment.objects.create(
        user=people.outsider,
        role="focal_point",
        country=Country.objects.get(iso3="ZAF"),
    )
    client.force_login(people.outsider)  # a focal point of another country
    assert client.post(act_url(request, "endorse")).status_code == 404
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_rejecting_needs_a_reason_and_records_it(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "reject"), {"reason": "  "}, follow=True)
    assert "Give a reason to reject." in text(response)
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    client.post(act_url(request, "reject"), {"reason": "Out of scope."})
    request.refresh_from_db()
    assert request.status == S.REJECTED
    assert Transition.objects.filter(
        request=request, action="reject", reason="Out of scope.", by=people.coordinator
    ).exists()


def test_an_over_long_reason_is_refused(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "clarify"), {"reason": "x" * 2001}, follow=True
    )
    assert "under 2,000 characters" in text(response)
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW


def test_an_action_the_status_does_not_allow_is_an_error_message(client, people):
    request = published(people)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "publish"), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Cannot publish what is published." in text(response)


def test_an_unknown_action_is_404(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.post(act_url(request, "explode")).status_code == 404


def test_withdrawing_asks_for_confirmation_first(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(act_url(request, "withdraw"))
    assert response["Location"] == f"/requests/{request.uuid}/withdraw/"
    request.refresh_from_db()
    assert request.status == S.DRAFT
    body = text(client.get(response["Location"]))
    assert 'name="confirm" value="yes"' in body
    client.post(act_url(request, "withdraw"), {"confirm": "yes", "reason": "Merged."})
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN


def test_the_withdraw_page_refuses_those_who_may_not(client, people):
    request = published(people)
    client.force_login(people.outsider)
    assert client.get(f"/requests/{request.uuid}/withdraw/").status_code == 403


def test_next_may_not_leave_the_site(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(
        act_url(request, "submit"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == request.get_absolute_url()


def test_a_published_request_cannot_be_edited_by_its_owner(client, people):
    request = published(people)
    client.force_login(people.focal_point)
    response = client.post(
        f"/requests/{request.uuid}/edit/", request_form_data(people, title="Changed")
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.title != "Changed"


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
    request_transition(request=request, action="submit", by=people.member)
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
    request_transition(request=request, action="submit", by=user)
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


def test_a_focal_point_sends_a_request_back_through_the_api(client, people):
    request = drafted(people)
    request_transition(request=request, action="submit", by=people.member)
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
