"""Background jobs of calls, run by `mutua db_worker`."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_noop
from django_tasks import task

from mutua.notifications.models import Kind
from mutua.notifications.services import notify

from .models import Application
from .models import Question


def applicants_of(question: Question):
    """The members of every organization that applied to the question's call."""
    organizations = (
        Application.objects.filter(call=question.call)
        .exclude(status=Application.Status.WITHDRAWN)
        .values("organization")
    )
    return User.objects.filter(
        membership__organization__in=organizations, is_active=True
    ).distinct()


@task()
def tell_applicants_of_answer(question_id: int) -> int:
    """Tell each applicant the published question and its answer, once (the
    notification's key): a job run again tells only those not told yet."""
    question = Question.objects.select_related("call").get(pk=question_id)
    return notify(
        recipients=applicants_of(question),
        kind=Kind.CALL_NEWS,
        key=f"call-question:{question.uuid}:answered",
        sentence=gettext_noop(
            "The call “%(call)s” answered a question. Question: %(question)s "
            "Answer: %(answer)s"
        ),
        values={
            "call": question.call.title,
            "question": question.published_text,
            "answer": question.answer,
        },
        url=question.call.get_absolute_url(),
    )
