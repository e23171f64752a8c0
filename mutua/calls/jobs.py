"""Background jobs of calls, run by `mutua db_worker`."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django_tasks import task

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
    """E-mail each applicant the published question and its answer, once: those
    told are recorded, so that a job run again tells only the others."""
    question = Question.objects.select_related("call").get(pk=question_id)
    told = set(question.told.values_list("pk", flat=True))
    url = settings.SITE_URL + question.call.get_absolute_url()
    sent = 0
    for user in applicants_of(question).exclude(pk__in=told):
        if user.email:
            send_mail(
                subject=f"An answer about the call “{question.call.title}”",
                message=(
                    f"Question: {question.published_text}\n\n"
                    f"Answer: {question.answer}\n\n"
                    f"Every question and answer of the call: {url}\n"
                ),
                from_email=None,
                recipient_list=[user.email],
            )
            sent += 1
        question.told.add(user)
    return sent
