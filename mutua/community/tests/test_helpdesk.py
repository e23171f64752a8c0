"""The helpdesk: a question becomes a request, and its matches say so."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from mutua.community import services as helpdesk
from mutua.community.models import HelpdeskReply
from mutua.community.models import HelpdeskTicket
from mutua.core.errors import PermissionDenied
from mutua.directory.models import Region
from mutua.directory.models import RoleAssignment
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.exchange.services.requests import request_transition
from mutua.matching import ranking
from mutua.matching import services
from mutua.testing.builders import published_offer

pytestmark = pytest.mark.django_db
ASK = reverse("community:helpdesk")
QUEUE = reverse("community:queue")


def question(**changes) -> dict:
    return {
        "country": "MWI",
        "subject": "Barcoding freshwater fish",
        "message": "We need training in DNA barcoding of cichlids.",
        **changes,
    }


def asked(client, people) -> HelpdeskTicket:
    people.member.first_name, people.member.last_name = "Mary", "Banda"
    people.member.save()
    client.force_login(people.member)
    client.post(ASK, question(organization=str(people.ngo.pk)))
    return HelpdeskTicket.objects.get()


def test_a_question_becomes_a_request_whose_matches_come_through_the_helpdesk(
    client, people
):
    ticket = asked(client, people)
    assert ticket.organization == people.ngo and ticket.status == "open"
    client.force_login(people.coordinator)
    assert "Barcoding freshwater fish" in client.get(QUEUE).content.decode()
    response = client.post(
        reverse("community:handle", args=[ticket.uuid, "convert"]),
        {"touches_iplc_lands": "unknown"},
    )
    ticket.refresh_from_db()
    request = ticket.request
    assert response["Location"] == request.get_absolute_url()
    assert (ticket.status, request.status) == ("converted", Request.Status.SUBMITTED)
    assert request.created_by == people.member and request.organization == people.ngo
    assert request.touches_iplc_lands == "unknown"
    assert (request.contact_name, request.contact_email) == (
        "Mary Banda",
        "member@example.org",
    )
    actions = list(
        Transition.objects.filter(request=request).values_list("action", "by")
    )
    assert actions == [
        ("create", people.member.pk),
        ("from_helpdesk", people.coordinator.pk),
    ]
    # Like any other request, the focal point endorses it before review.
    client.force_login(people.focal_point)
    assert "Barcoding freshwater fish" in client.get("/endorse/").content.decode()
    assert "Barcoding freshwater fish" not in client.get("/review/").content.decode()
    request = request_transition(
        request=request, action="endorse", by=people.focal_point
    )
    request = request_transition(
        request=request, action="publish", by=people.coordinator
    )
    offer = published_offer(people)
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    match = services.match_propose_by_person(
        request=request, offer=offer, by=people.member
    )
    assert match.origin == "helpdesk"
    match = services.match_answer(match=match, by=people.provider, accept=True)
    assert match.partnership.origin == "helpdesk"


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"subject": ""}, "This field is required"),
        ({"message": "x" * 5001}, "at most 5000 characters"),
        ({"country": "XXX"}, "Select a valid choice"),
        ({"organization": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_questions_are_refused_with_the_field_named(
    client, people, changes, field_message
):
    client.force_login(people.member)
    response = client.post(ASK, question(**changes))
    assert response.status_code == 200 and field_message in response.content.decode()
    assert not HelpdeskTicket.objects.exists()


def test_one_may_ask_only_for_ones_own_organization(client, people):
    client.force_login(people.outsider)
    response = client.post(ASK, question(organization=str(people.ngo.pk)))
    assert "Select a valid choice" in response.content.decode()
    assert not HelpdeskTicket.objects.exists()


def test_closing_needs_an_answer_that_the_asker_then_reads(client, people):
    ticket = asked(client, people)
    client.force_login(people.coordinator)
    url = reverse("community:handle", args=[ticket.uuid, "close"])
    response = client.post(url, {"answer": " "}, follow=True)
    assert "Write the answer the person will read." in response.content.decode()
    client.post(url, {"answer": "Try the <b>regional</b> centre's course."})
    ticket.refresh_from_db()
    assert ticket.status == "closed"
    client.force_login(people.member)
    assert "Try the &lt;b&gt;regional&lt;/b&gt;" in client.get(ASK).content.decode()
    client.force_login(people.coordinator)
    response = client.post(url, {"answer": "Again"}, follow=True)
    assert "handled already" in response.content.decode()


@pytest.mark.parametrize("who", ["member", "outsider", "provider", "focal_point"])
def test_only_coordinators_handle_questions(client, people, who):
    ticket = asked(client, people)
    client.force_login(getattr(people, who))
    assert client.get(QUEUE).status_code == 403
    for action in ("convert", "close"):
        url = reverse("community:handle", args=[ticket.uuid, action])
        assert client.post(url, {"answer": "No."}).status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == "open" and not Request.objects.exists()


def test_visitors_log_in_first_and_unknown_actions_are_missing(client, people):
    assert "/accounts/login/" in client.get(ASK)["Location"]
    ticket = asked(client, people)
    client.force_login(people.coordinator)
    url = reverse("community:handle", args=[ticket.uuid, "explode"])
    assert client.post(url).status_code == 404


def test_the_queue_shows_who_asked_and_from_where(client, people):
    ticket = asked(client, people)
    HelpdeskReply.objects.create(ticket=ticket, by=people.member, message="Any news?")
    client.force_login(people.coordinator)
    body = client.get(QUEUE).content.decode()
    assert "Asked by Mary Banda" in body
    assert "· Lilongwe Wetlands Trust · Malawi" in body
    assert "1 reply" in body and reverse("community:ticket", args=[ticket.uuid]) in body


def test_the_asker_and_the_coordinator_talk_in_a_thread(client, people):
    ticket = asked(client, people)
    url = reverse("community:ticket", args=[ticket.uuid])
    client.force_login(people.coordinator)
    response = client.post(url, {"message": "Which species exactly?"})
    assert response["Location"] == url
    client.force_login(people.member)
    assert "Which species exactly?" in client.get(url).content.decode()
    client.post(url, {"message": "Mbuna cichlids."})
    assert list(ticket.replies.values_list("by", "message")) == [
        (people.coordinator.pk, "Which species exactly?"),
        (people.member.pk, "Mbuna cichlids."),
    ]
    client.force_login(people.coordinator)
    body = client.get(url).content.decode()
    assert body.index("Which species exactly?") < body.index("Mbuna cichlids.")
    assert "Mary Banda (asked)" in body
    client.force_login(people.member)
    assert "2 replies" in client.get(ASK).content.decode()


@pytest.mark.parametrize(
    "who", ["outsider", "provider", "focal_point", "other_coordinator"]
)
def test_nobody_else_reads_or_replies_to_a_question(client, people, who):
    other = User.objects.create_user("other", "other@example.org", "long-password-1")
    RoleAssignment.objects.create(
        user=other,
        role=RoleAssignment.Role.COORDINATOR,
        region=Region.objects.get(code="018"),
    )
    people.other_coordinator = other
    ticket = asked(client, people)
    url = reverse("community:ticket", args=[ticket.uuid])
    client.force_login(getattr(people, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Let me in."}).status_code == 404
    with pytest.raises(PermissionDenied):
        helpdesk.ticket_reply(ticket=ticket, by=getattr(people, who), message="Hi")
    assert not HelpdeskReply.objects.exists()


@pytest.mark.parametrize(
    ("message", "problem"),
    [(" ", "This field is required"), ("x" * 2001, "at most 2000 characters")],
)
def test_a_bad_reply_is_refused_with_the_field_named(client, people, message, problem):
    ticket = asked(client, people)
    url = reverse("community:ticket", args=[ticket.uuid])
    response = client.post(url, {"message": message})
    body = response.content.decode()
    assert response.status_code == 200 and problem in body and 'id="id_message"' in body
    assert not HelpdeskReply.objects.exists()


def test_a_handled_question_takes_no_more_replies(client, people):
    ticket = asked(client, people)
    client.force_login(people.coordinator)
    close = reverse("community:handle", args=[ticket.uuid, "close"])
    client.post(close, {"answer": "See the regional course."})
    client.force_login(people.member)
    url = reverse("community:ticket", args=[ticket.uuid])
    response = client.post(url, {"message": "Thanks, but..."}, follow=True)
    assert "ask a new one" in response.content.decode()
    assert not HelpdeskReply.objects.exists()


@pytest.mark.parametrize("answer", [None, "maybe"])
def test_turning_a_question_into_a_request_needs_the_akwe_kon_answer(
    client, people, answer
):
    ticket = asked(client, people)
    client.force_login(people.coordinator)
    url = reverse("community:handle", args=[ticket.uuid, "convert"])
    data = {} if answer is None else {"touches_iplc_lands": answer}
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert "Does the need touch sacred sites or lands and waters" in body
    assert 'name="touches_iplc_lands" value="unknown"' in body
    ticket.refresh_from_db()
    assert ticket.status == "open" and not Request.objects.exists()
