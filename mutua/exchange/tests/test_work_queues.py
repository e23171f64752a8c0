"""The review and endorsement queues of coordinators and focal points."""

import pytest

from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import draft
from mutua.testing.builders import under_review
from mutua.testing.http import act_url
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status


def test_the_coordinator_reviews_the_requests_of_its_region(client, people):
    request = under_review(people, title="Malawi needs review")
    client.force_login(people.coordinator)
    body = text(client.get("/review/"))
    assert "Malawi needs review" in body
    assert f'hx-post="{act_url(request, "publish")}"' in body
    response = client.post(
        act_url(request, "publish"), {"next": "/review/", "confirm": "yes"}
    )
    assert response["Location"] == "/review/"
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_publishing_from_the_queue_with_htmx_swaps_the_item(client, people):
    request = under_review(people, title="Swap me")
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "publish"), {"confirm": "yes"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert "Swap me: Published." in body


def test_the_queues_show_the_akwe_kon_answer_and_publish_behind_a_confirmation(
    client, people
):
    under_review(people, title="Sacred lake", touches_iplc_lands="yes")
    under_review(people, title="Who knows", touches_iplc_lands="unknown")
    client.force_login(people.coordinator)
    body = text(client.get("/review/"))
    # Oldest first: the first item ends where the second begins.
    item = body[body.index("Sacred lake") : body.index("Who knows")]
    assert "Yes</strong>\n  — the Akwé: Kon guidelines apply" in item
    # The confirmation opens without JavaScript and shows the answer again.
    confirm = item[item.index("<summary>Publish…</summary>") :]
    assert "the Akwé: Kon guidelines apply" in confirm
    assert 'name="confirm" value="yes"' in confirm
    assert "Not known</strong>" in body


def test_a_queue_error_with_htmx_keeps_the_item_and_shows_the_error(client, people):
    request = under_review(people, title="Keep me")
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "reject"), {"reason": ""}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert "Give a reason to reject." in body and 'id="reason-reject-' in body
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW


def test_a_coordinator_of_another_region_sees_an_empty_queue(client, people):
    from mutua.directory.models import Region
    from mutua.directory.models import RoleAssignment

    under_review(people, title="Not yours")
    RoleAssignment.objects.create(
        user=people.outsider, role="coordinator", region=Region.objects.get(code="419")
    )
    client.force_login(people.outsider)
    body = text(client.get("/review/"))
    assert "Not yours" not in body and "Nothing is waiting" in body


@pytest.mark.parametrize("url", ["/review/", "/endorse/"])
def test_queues_explain_themselves_to_users_without_the_role(client, people, url):
    client.force_login(people.member)
    response = client.get(url)
    assert response.status_code == 200
    assert "You have no such role" in text(
        response
    ) or "You are not a focal point" in text(response)


def test_the_focal_point_endorses_its_countrys_requests(client, people):
    request = draft(people, title="Please endorse")
    request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.focal_point)
    body = text(client.get("/endorse/"))
    assert "Please endorse" in body and ">Endorse</button>" in body
    client.post(act_url(request, "endorse"), {"next": "/endorse/"})
    request.refresh_from_db()
    assert (
        request.status == S.UNDER_REVIEW and request.endorsed_by == people.focal_point
    )


def test_the_focal_point_sends_back_or_declines_from_the_queue(client, people):
    back = draft(people, title="Send me back", touches_iplc_lands="yes")
    request_transition(request=back, action="submit", by=people.member)
    client.force_login(people.focal_point)
    body = text(client.get("/endorse/"))
    assert "Send back to the organization…</summary>" in body
    assert "Decline to endorse…</summary>" in body
    assert f'id="reason-send_back-{back.uuid}"' in body
    assert "Yes</strong>\n  — the Akwé: Kon guidelines apply" in body
    response = client.post(
        act_url(back, "send_back"), {"reason": "Add the budget.", "next": "/endorse/"}
    )
    assert response["Location"] == "/endorse/"
    back.refresh_from_db()
    assert back.status == S.CLARIFICATION
    client.force_login(people.member)
    body = text(client.get(back.get_absolute_url()))
    assert "Add the budget." in body and "Sent back to the organization" in body
    assert f'href="/requests/{back.uuid}/edit/"' in body


def test_declining_from_the_queue_with_htmx_needs_a_reason(client, people):
    request = draft(people, title="Decline me")
    request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.focal_point)
    url = act_url(request, "decline")
    response = client.post(url, {"reason": ""}, HTTP_HX_REQUEST="true")
    assert "Give a reason to decline." in text(response)
    response = client.post(url, {"reason": "Duplicate."}, HTTP_HX_REQUEST="true")
    assert "Decline me: Rejected." in text(response)
    request.refresh_from_db()
    assert request.status == S.REJECTED


@pytest.mark.parametrize("who", ["member", "coordinator"])
def test_only_the_focal_point_sends_back_or_declines(client, people, who):
    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    client.force_login(getattr(people, who))
    for action in ("send_back", "decline"):
        response = client.post(act_url(request, action), {"reason": "No."})
        assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_queues_refuse_writes(client, people):
    client.force_login(people.coordinator)
    assert client.post("/review/").status_code == 405
    assert client.post("/me/").status_code == 405
