"""A request's, offer's or opportunity's page and record: its sections, its history,
the actions it offers, and who may see it."""

import re

import pytest

from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import draft
from mutua.testing.builders import draft as drafted
from mutua.testing.builders import offer
from mutua.testing.builders import opportunity
from mutua.testing.builders import published
from mutua.testing.builders import under_review
from mutua.testing.http import act_url
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status


def test_a_published_request_shows_every_section_and_its_history(client, people):
    request = published(
        people,
        barriers="No laboratory.",
        objectives="Train ten technicians.",
        co_financing="The ministry pays the venue.",
        budget_amount=25000,
        budget_currency="USD",
    )
    body = text(client.get(request.get_absolute_url()))
    for heading in [
        "Who is asking",
        "The need",
        "Scope",
        "Who benefits",
        "Context",
        "Plan and results",
        "Budget and timeframe",
        "History",
    ]:
        assert f"<h2>{heading}</h2>" in body or f">{heading}</h2>" in body
    assert "No laboratory." in body and "Train ten technicians." in body
    assert "25,000.00 USD" in body
    assert "Target 20 — " in body
    assert "Indigenous peoples and local communities" in body
    assert (
        'Published</strong>:\n      Under review <span class="arrow">→</span> Published'
        in body
    )
    assert "What you can do" not in body  # a visitor may do nothing


def test_a_request_touching_iplc_lands_says_the_akwe_kon_guidelines_apply(
    client, people
):
    plain = published(people, title="Plain")
    touching = published(people, title="Touching", touches_iplc_lands="yes")
    unknown = published(people, title="Unknown", touches_iplc_lands="unknown")
    assert "Akwé: Kon guidelines apply" in text(client.get(touching.get_absolute_url()))
    for record, answer in [(plain, "No"), (unknown, "Not known")]:
        body = text(client.get(record.get_absolute_url()))
        assert "Akwé: Kon guidelines apply" not in body
        assert re.search(rf"communities\?</dt>\s*<dd>{answer}\s*</dd>", body)


def test_a_draft_is_hidden_from_outsiders_and_visitors(client, people):
    request = draft(people)
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(people.outsider)
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(people.member)
    assert client.get(request.get_absolute_url()).status_code == 200


def test_a_missing_record_is_404(client, people):
    for url in ("requests", "offers", "opportunities"):
        uuid = "00000000-0000-0000-0000-000000000000"
        assert client.get(f"/{url}/{uuid}/").status_code == 404
    assert client.get("/requests/not-a-uuid/").status_code == 404


def test_the_owner_of_a_draft_may_edit_submit_and_withdraw_it(client, people):
    request = draft(people)
    client.force_login(people.member)
    body = text(client.get(request.get_absolute_url()))
    assert f'action="{act_url(request, "submit")}"' in body
    assert f'href="/requests/{request.uuid}/withdraw/"' in body
    assert f'href="/requests/{request.uuid}/edit/"' in body
    assert act_url(request, "publish") not in body


def test_a_reviewer_gets_publish_and_actions_that_ask_for_a_reason(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    body = text(client.get(request.get_absolute_url()))
    assert f'href="/requests/{request.uuid}/publish/"' in body
    assert 'id="reason-reject"' in body and 'id="reason-clarify"' in body


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("yes", "Yes</strong>\n  — the Akwé: Kon guidelines apply"),
        ("no", "No</strong>"),
        ("unknown", "Not known</strong>\n  — nobody has said"),
    ],
)
def test_publishing_asks_first_with_the_akwe_kon_answer_in_view(
    client, people, answer, shown
):
    request = under_review(people, touches_iplc_lands=answer)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "publish"))
    assert response["Location"] == f"/requests/{request.uuid}/publish/"
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    body = text(client.get(response["Location"]))
    assert shown in body and 'name="confirm" value="yes"' in body
    client.post(act_url(request, "publish"), {"confirm": "yes"})
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


@pytest.mark.parametrize("who", ["member", "focal_point", "outsider", "provider"])
def test_the_publish_page_refuses_those_who_may_not_publish(client, people, who):
    request = under_review(people)
    client.force_login(getattr(people, who))
    assert client.get(f"/requests/{request.uuid}/publish/").status_code in (403, 404)


def test_html_in_text_is_escaped_on_the_detail_page(client, people):
    request = published(
        people,
        title="<script>alert(1)</script>",
        challenge='<img src=x onerror="alert(2)">',
    )
    body = text(client.get(request.get_absolute_url()))
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def test_contact_e_mails_are_shown_to_signed_in_users_only(client, people):
    request = published(people, contact_email="fish@example.org")
    assert "fish@example.org" not in text(client.get(request.get_absolute_url()))
    client.force_login(people.outsider)
    assert "mailto:fish@example.org" in text(client.get(request.get_absolute_url()))


def test_a_request_sent_back_shows_the_question_at_the_top(client, people):
    request = under_review(people)
    request_transition(
        request=request,
        action="clarify",
        by=people.coordinator,
        reason="Which lakes exactly?",
    )
    client.force_login(people.focal_point)
    body = text(client.get(request.get_absolute_url()))
    assert "Clarification requested" in body and "Which lakes exactly?" in body
    assert f'action="{act_url(request, "submit")}"' in body


def test_offer_and_opportunity_pages_show_their_fields(client, people):
    listing = offer(people, track_record="Trained 40 technicians since 2015.")
    body = text(client.get(listing.get_absolute_url()))
    assert "Trained 40 technicians since 2015." in body
    assert "Least developed countries" in body
    assert "University of Cape Town" in body
    call = opportunity(people)
    body = text(client.get(call.get_absolute_url()))
    assert "Send a two-page concept note." in body and "20,000.00 USD" in body


def test_a_draft_offer_is_hidden_from_others(client, people):
    listing = offer(people, publish=False)
    assert client.get(listing.get_absolute_url()).status_code == 404
    client.force_login(people.provider)
    body = text(client.get(listing.get_absolute_url()))
    assert f'action="{act_url(listing, "publish")}"' in body


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
