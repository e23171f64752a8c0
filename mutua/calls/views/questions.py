"""Pages of questions: asking about a call, and answering for every applicant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from mutua.core.errors import PermissionDenied
from mutua.core.forms import posted
from mutua.core.forms import run_service
from mutua.core.responses import form_page

from .. import access
from .. import forms
from .. import selectors
from ..services import questions


@require_POST
@login_required
def ask(request: HttpRequest, uuid) -> HttpResponse:
    call = access.call_for_user(request.user, uuid)
    form = forms.QuestionForm(request.POST)
    asked = run_service(
        form,
        lambda data: questions.question_ask(call=call, by=request.user, **data),
    )
    if asked is not None:
        messages.success(
            request, _("Your question is sent. The answer will be published here.")
        )
    else:
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
    return redirect(call)


@require_http_methods(["GET", "POST"])
@login_required
def answer(request: HttpRequest, uuid) -> HttpResponse:
    """The questions waiting, each with its answer form; the one posted is published."""
    question = access.question_for_user(request.user, uuid)
    call = question.call
    if not access.may_run_call(request.user, call):
        raise PermissionDenied(_("Only those who run this call answer its questions."))
    return form_page(
        request,
        forms.AnswerForm(posted(request), initial={"published_text": question.text}),
        lambda data: questions.question_answer(
            question=question, by=request.user, **data
        ),
        done=_("Published; every applicant is told."),
        template="calls/answer.html",
        context={
            "question": question,
            "call": call,
            "waiting": selectors.unanswered_questions(call),
        },
        back=call,
    )
