"""What a record's page tells each reader: contacts, and who took each step and why.

Contacts are for signed-in users; the people and notes of a history for those
involved. Everyone sees the steps, named in their language, and their dates.
"""

import re

import pytest
from django.utils import timezone

from mutua.cooperation.models import Partnership
from mutua.exchange.lifecycle import HISTORY_STEPS
from mutua.exchange.lifecycle import LISTING_ACTIONS
from mutua.exchange.lifecycle import REQUEST_ACTIONS
from mutua.exchange.lifecycle import STEP_LABELS
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Transition
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.requests import request_transition
from mutua.matching.models import Match
from mutua.testing.builders import CLARIFY_NOTE
from mutua.testing.builders import CONTACT
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_opportunity
from mutua.testing.builders import reviewed_request
from mutua.testing.http import call

pytestmark = pytest.mark.django_db

LOG_IN = "Log in to see the contact person and e-mail address"
INVOLVED_IN_REQUEST = ["member", "focal_point", "coordinator", "secretariat"]
NOT_INVOLVED_IN_REQUEST = [None, "outsider", "provider"]


def page(client, people, who, record) -> str:
    client.logout()
    if who:
        client.force_login(getattr(people, who))
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def history(body: str) -> str:
    """The history section of a record's page."""
    return re.search(r'id="history-heading".*?</section>', body, re.S).group(0)


def listings(people) -> list[Offer | Opportunity]:
    offer = published_offer(people, **CONTACT)
    opportunity = published_opportunity(people, **CONTACT)
    return [offer, opportunity]


# Contacts -------------------------------------------------------------------------


def test_visitors_see_neither_contact_person_nor_e_mail_but_a_way_to_log_in(
    client, people
):
    for record in [reviewed_request(people), *listings(people)]:
        body = page(client, people, None, record)
        assert CONTACT["contact_name"] not in body
        assert CONTACT["contact_email"] not in body
        assert LOG_IN in body and "/accounts/login/?next=" in body


@pytest.mark.parametrize("who", ["outsider", "provider", "member"])
def test_signed_in_users_see_the_contact_person_and_e_mail(client, people, who):
    for record in [reviewed_request(people), *listings(people)]:
        body = page(client, people, who, record)
        assert CONTACT["contact_name"] in body
        assert f'href="mailto:{CONTACT["contact_email"]}"' in body
        assert LOG_IN not in body


def test_a_record_without_a_contact_says_so_to_everyone(client, people):
    offer = published_offer(people, title="An offer with no contact")
    for who in (None, "outsider"):
        body = page(client, people, who, offer)
        assert LOG_IN not in body
        assert "Contact person, Contact e-mail" in body  # listed as not given


def test_api_contacts_are_null_for_callers_not_signed_in(client, people):
    request = reviewed_request(people)
    offer, opportunity = listings(people)
    for path in (
        "/requests",
        f"/requests/{request.uuid}",
        "/offers",
        f"/offers/{offer.uuid}",
        "/opportunities",
        f"/opportunities/{opportunity.uuid}",
    ):
        for user, expected in ((None, None), (people.outsider, CONTACT)):
            body = call(client, "GET", path, user=user).json()
            for item in body.get("items", [body]):
                shown = {name: item[name] for name in CONTACT}
                assert shown == (expected or dict.fromkeys(CONTACT)), (path, user)


# The people and notes of a history ------------------------------------------------


@pytest.mark.parametrize("who", NOT_INVOLVED_IN_REQUEST)
def test_others_see_the_steps_and_dates_but_not_who_nor_why(client, people, who):
    request = reviewed_request(people)
    steps = history(page(client, people, who, request))
    assert "Clarification asked" in steps and "Published" in steps
    assert steps.count("<time datetime=") == request.transitions.count()
    assert CLARIFY_NOTE not in steps
    for name in ("member", "focal", "coordinator", "automatically"):
        assert name not in steps


@pytest.mark.parametrize("who", INVOLVED_IN_REQUEST)
def test_those_involved_see_who_took_each_step_and_why(client, people, who):
    request = reviewed_request(people)
    steps = history(page(client, people, who, request))
    assert CLARIFY_NOTE in steps
    for name in ("member", "focal", "coordinator"):
        assert name in steps


def test_a_reason_for_closing_is_shown_only_to_those_involved(client, people):
    request = reviewed_request(people)
    request_transition(
        request=request, action="close", by=people.member, reason="Funded elsewhere."
    )
    for who in NOT_INVOLVED_IN_REQUEST:
        assert "Funded elsewhere." not in page(client, people, who, request)
    assert "Funded elsewhere." in page(client, people, "coordinator", request)


@pytest.mark.parametrize(
    ("who", "sees"),
    [(None, False), ("outsider", False), ("member", False), ("provider", True)],
)
def test_an_offers_history_shows_who_and_why_to_its_owners(client, people, who, sees):
    offer = published_offer(people)
    listing_transition(
        listing=offer, action="pause", by=people.provider, reason="Staff on leave."
    )
    steps = history(page(client, people, who, offer))
    assert "Paused" in steps
    assert ("Staff on leave." in steps) is sees
    assert ("provider" in steps) is sees


def test_api_history_withholds_who_and_why_from_those_not_involved(client, people):
    request = reviewed_request(people)
    path = f"/requests/{request.uuid}/transitions"
    for who in NOT_INVOLVED_IN_REQUEST:
        user = getattr(people, who) if who else None
        steps = call(client, "GET", path, user=user).json()
        assert [t["label"] for t in steps][-2:] == ["Submitted", "Published"]
        assert {(t["by"], t["reason"]) for t in steps} == {(None, None)}, who
    for who in INVOLVED_IN_REQUEST:
        steps = call(client, "GET", path, user=getattr(people, who)).json()
        assert {t["reason"] for t in steps} == {"", CLARIFY_NOTE}
        assert {t["by"] for t in steps} == {"member", "focal", "coordinator"}


# Steps named in the reader's language ----------------------------------------------


def test_every_step_of_a_history_has_a_label():
    assert HISTORY_STEPS <= STEP_LABELS.keys()
    people_take = [
        a
        for a in [*REQUEST_ACTIONS.values(), *LISTING_ACTIONS.values()]
        if a.who != "system"
    ]
    assert all(a.label and a.verb and a.step for a in people_take)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_step_of_a_history_is_shown_as_its_code(client, people, language):
    request = reviewed_request(people)
    offer = published_offer(people)
    for record in (request, offer):
        kind = "request" if record is request else "offer"
        Transition.objects.bulk_create(
            Transition(
                **{kind: record},
                action=code,
                from_status=record.status,
                to_status=record.status,
                at=timezone.now(),
                by=people.secretariat,
            )
            for code in sorted(HISTORY_STEPS)
        )
    client.force_login(people.secretariat)
    for record in (request, offer):
        response = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        steps = history(response.content.decode())
        for code in HISTORY_STEPS:
            assert not re.search(rf"\b{code}\b", steps), (code, language)
    path = f"/requests/{request.uuid}/transitions"
    for step in call(client, "GET", path, user=people.secretariat).json():
        assert step["label"] and step["label"] != step["action"]


def test_match_and_partnership_origins_have_labels():
    for code, label in [*Match.ORIGINS, *Partnership.Origin.choices]:
        assert str(label) and str(label) != code
