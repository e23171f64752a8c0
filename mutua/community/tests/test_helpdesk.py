"""The helpdesk: a question becomes a request, and its matches say so."""

import pytest
from django.urls import reverse

from mutua.community.models import HelpdeskTicket
from mutua.exchange import services as exchange
from mutua.exchange.models import Request, Transition
from mutua.matching import ranking, services
from mutua.matching.tests.records import published_offer

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
    response = client.post(reverse("community:handle", args=[ticket.uuid, "convert"]))
    ticket.refresh_from_db()
    request = ticket.request
    assert response["Location"] == request.get_absolute_url()
    assert (ticket.status, request.status) == ("converted", Request.Status.UNDER_REVIEW)
    assert request.created_by == people.member and request.organization == people.ngo
    actions = list(
        Transition.objects.filter(request=request).values_list("action", "by")
    )
    assert actions == [
        ("create", people.member.pk),
        ("from_helpdesk", people.coordinator.pk),
    ]

    request = exchange.request_transition(
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
