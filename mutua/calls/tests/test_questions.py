"""Questions and answers (¶47 a ii): asked privately, answered and published
without the asker's name, and every applicant is told once."""

import pytest
from django.core import mail
from django.urls import reverse

from mutua.calls import jobs
from mutua.calls.models import Question
from mutua.calls.services import questions
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.notifications.jobs import send_emails
from mutua.testing.calls import open_call
from mutua.testing.calls import past_closing
from mutua.testing.calls import started_application
from mutua.testing.http import call as api
from mutua.testing.http import errors
from mutua.testing.http import text
from mutua.testing.jobs import work

pytestmark = pytest.mark.django_db

ASKED = "Is Ms Banda of our board eligible as the centre's director?"
PUBLISHED = "May a board member of an applicant direct the centre?"


@pytest.mark.django_db(transaction=True)
def test_a_question_is_answered_and_published_without_who_asked(
    client, people, django_capture_on_commit_callbacks
):
    call = open_call(people)
    started_application(people, call)
    client.force_login(people.provider)
    client.post(reverse("calls:ask", args=[call.uuid]), {"text": ASKED})
    question = Question.objects.get()
    assert question.asked_by == people.provider and question.published_at is None
    page = text(client.get(call.get_absolute_url()))
    assert "waiting for an answer" in page
    client.logout()
    assert ASKED not in text(client.get(call.get_absolute_url()))

    client.force_login(people.coordinator)
    assert reverse("calls:answer", args=[question.uuid]) in text(
        client.get(call.get_absolute_url())
    )
    url = reverse("calls:answer", args=[question.uuid])
    answer = {"published_text": PUBLISHED, "answer": "Yes, if the board approves."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, answer)
    work()
    question.refresh_from_db()
    assert question.published_at is not None
    client.logout()
    page = text(client.get(call.get_absolute_url()))
    assert PUBLISHED in page and "Yes, if the board approves." in page
    assert ASKED not in page and "provider" not in page
    # The NGO applied: its member is told, once, in a mail without the asker.
    assert [m.to for m in mail.outbox] == [[people.member.email]]
    assert PUBLISHED in mail.outbox[0].body and ASKED not in mail.outbox[0].body
    listed = api(client, "GET", f"/calls/{call.uuid}/questions").json()
    assert listed[0]["question"] == PUBLISHED and "asked_by" not in listed[0]


def test_the_applicants_are_told_once_however_often_the_job_runs(people):
    call = open_call(people)
    started_application(people, call)
    started_application(
        people, call, organization=people.university, by=people.provider
    )
    question = questions.question_ask(call=call, by=people.outsider, text=ASKED)
    questions.question_answer(question=question, by=people.secretariat, answer="No.")
    assert jobs.tell_applicants_of_answer.call(question_id=question.pk) == 2
    assert jobs.tell_applicants_of_answer.call(question_id=question.pk) == 0
    send_emails.call(f"call-question:{question.uuid}:answered")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people.member.email, people.provider.email]
    )


def test_only_those_who_run_the_call_answer(people):
    call = open_call(people)
    question = questions.question_ask(call=call, by=people.member, text=ASKED)
    with pytest.raises(PermissionDenied):
        questions.question_answer(question=question, by=people.provider, answer="Yes.")
    questions.question_answer(question=question, by=people.coordinator, answer="Yes.")
    with pytest.raises(TransitionError):
        questions.question_answer(
            question=question, by=people.coordinator, answer="No."
        )


def test_an_unanswered_question_is_the_askers_and_the_organizers_only(client, people):
    call = open_call(people)
    question = questions.question_ask(call=call, by=people.member, text=ASKED)
    url = reverse("calls:answer", args=[question.uuid])
    for who, status in (
        (people.provider, 404),
        (people.member, 403),
        (people.coordinator, 200),
    ):
        client.force_login(who)
        assert client.get(url).status_code == status, who


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"answer": " "}, "answer"),
        ({"answer": "Yes.", "published_text": "q" * 2001}, "published_text"),
    ],
)
def test_a_blank_or_long_answer_is_refused_by_name(people, fields, field):
    call = open_call(people)
    question = questions.question_ask(call=call, by=people.member, text=ASKED)
    with pytest.raises(ValidationError) as refused:
        questions.question_answer(question=question, by=people.secretariat, **fields)
    assert field in refused.value.message_dict
    question.refresh_from_db()
    assert question.published_at is None


def test_questions_are_asked_while_the_call_is_open(client, people):
    call = past_closing(open_call(people))
    body = {"text": ASKED}
    response = api(
        client, "POST", f"/calls/{call.uuid}/questions", body, user=people.member
    )
    assert response.status_code == 409
    call = open_call(people)
    response = api(
        client,
        "POST",
        f"/calls/{call.uuid}/questions",
        {"text": ""},
        user=people.member,
    )
    assert response.status_code == 422 and "text" in errors(response)
    response = api(
        client, "POST", f"/calls/{call.uuid}/questions", body, user=people.member
    )
    assert response.status_code == 201 and response.json()["answered"] is False
    assert api(client, "POST", f"/calls/{call.uuid}/questions", body).status_code == 401
