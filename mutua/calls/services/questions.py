"""Writes of questions: asking about a call, and answering for everyone.

An answer is published with the question, reworded if need be and never with
the asker's name, and every applicant of the call is told (`jobs`).
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.text import written

from .. import jobs
from ..access import may_run_call
from ..models import Call
from ..models import Question


@transaction.atomic
def question_ask(*, call: Call, by: User, text: str) -> Question:
    """Ask, privately, while the call is open."""
    if not by.is_authenticated:
        raise PermissionDenied(_("Sign in to ask a question."))
    if not call.accepts_applications():
        raise TransitionError(_("Questions are asked while the call is open."))
    question = Question(
        call=call,
        asked_by=by,
        text=written(text, field="text", most=2000, if_empty=_("Write it out.")),
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_answer(
    *, question: Question, by: User, answer: str, published_text: str = ""
) -> Question:
    """Answer and publish; the applicants are told once the answer is stored."""
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("call__region__parent__parent")
        .get(pk=question.pk)
    )
    if not may_run_call(by, question.call):
        raise PermissionDenied(_("Only those who run this call answer its questions."))
    if question.published_at is not None:
        raise TransitionError(_("This question is answered already."))
    question.published_text = written(
        published_text or question.text,
        field="published_text",
        most=2000,
        if_empty=_("Write it out."),
    )
    question.answer = written(
        answer, field="answer", most=5000, if_empty=_("Write it out.")
    )
    question.answered_by, question.published_at = by, timezone.now()
    question.full_clean()
    question.save()
    transaction.on_commit(
        lambda: jobs.tell_applicants_of_answer.enqueue(question_id=question.pk)
    )
    return question
