"""Pages of applications: applying, an application and its documents, submitting
and withdrawing, a call's applications for those who run it, and my applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.forms import posted
from mutua.core.forms import run_service
from mutua.core.responses import confirm_page
from mutua.core.responses import form_page

from .. import access
from .. import forms
from .. import selectors
from ..documents import KINDS
from ..models import Application
from ..models import Call
from ..services import applications
from ..services import documents

MOVES = {
    "submit": (gettext_lazy("Submit"), applications.application_submit),
    "withdraw": (gettext_lazy("Withdraw"), applications.application_withdraw),
}


def _application_page(
    request: HttpRequest, call: Call, application: Application | None
) -> HttpResponse:
    """The application form, new or filled with what was saved, around
    `core.responses.form_page`."""
    initial = {}
    if application is not None:
        initial = {
            "organization": application.organization,
            "region": application.region,
            "title": application.title,
            "summary": application.summary,
            "amount": application.amount,
            "partnership": application.partnership,
            **{
                f"answer_{a.criterion.position}": a.text
                for a in application.answers.select_related("criterion")
            },
        }
    form = forms.ApplicationForm(
        posted(request), initial=initial, call=call, user=request.user
    )
    if application is not None:
        form.fields["organization"].disabled = True

    def save(_data: dict) -> Application:
        fields, answers = form.fields_and_answers()
        if application is None:
            return applications.application_start(
                call=call, by=request.user, answers=answers, **fields
            )
        fields.pop("organization")
        return applications.application_update(
            application=application, by=request.user, answers=answers, **fields
        )

    return form_page(
        request,
        form,
        save,
        done=_("Saved. Submit it when it is complete, before the call closes."),
        template="calls/application_form.html",
        context={"call": call, "application": application},
    )


@require_http_methods(["GET", "POST"])
@login_required
def apply(request: HttpRequest, uuid) -> HttpResponse:
    call = access.call_for_user(request.user, uuid)
    if not call.accepts_applications():
        raise PermissionDenied(_("This call does not take applications now."))
    return _application_page(request, call, None)


@require_safe
def application_detail(request: HttpRequest, uuid) -> HttpResponse:
    application = access.application_for_user(request.user, uuid)
    owns = access.owns_application(request.user, application)
    editable = (
        owns
        and application.status != Application.Status.WITHDRAWN
        and application.call.accepts_applications()
    )
    return render(
        request,
        "calls/application.html",
        {
            "application": application,
            "call": application.call,
            "owns": owns,
            "editable": editable,
            "missing": applications.eligibility_errors(application) if editable else {},
            "document_form": forms.DocumentForm(),
            **selectors.application_details(application),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def application_edit(request: HttpRequest, uuid) -> HttpResponse:
    application = access.application_for_user(request.user, uuid)
    if not access.owns_application(request.user, application):
        raise PermissionDenied(_("Only the applying organization changes this."))
    return _application_page(request, application.call, application)


@require_http_methods(["GET", "POST"])
@login_required
def application_move(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """Confirm submitting or withdrawing, then do it."""
    application = access.application_for_user(request.user, uuid)
    if action not in MOVES or not access.owns_application(request.user, application):
        raise PermissionDenied(_("Only the applying organization does this."))
    label, service = MOVES[action]
    question = (
        _(
            "The call's organizers will read it. You may still change it until the call closes."
        )
        if action == "submit"
        else _("It is no longer considered. This cannot be undone.")
    )
    return confirm_page(
        request,
        title=f"{label}: {application.title}",
        question=question,
        button=label,
        action=lambda: service(application=application, by=request.user),
        done=_("Done: the application is %(status)s.")
        % {"status": _("submitted") if action == "submit" else _("withdrawn")},
        back=application,
    )


def _attach(request: HttpRequest, target, add) -> HttpResponse:
    """Take the posted file through `add`, and say how it went on `target`'s page."""
    form = forms.DocumentForm(request.POST, request.FILES)
    if run_service(form, lambda data: add(data["file"])) is not None:
        messages.success(request, _("The document is attached."))
    else:
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
    return redirect(target)


@require_POST
@login_required
def application_document_add(request: HttpRequest, uuid) -> HttpResponse:
    application = access.application_for_user(request.user, uuid)
    return _attach(
        request,
        application,
        lambda upload: documents.document_add_to_application(
            application=application, by=request.user, upload=upload
        ),
    )


@require_POST
@login_required
def call_document_add(request: HttpRequest, uuid) -> HttpResponse:
    call = access.call_for_user(request.user, uuid)
    return _attach(
        request,
        call,
        lambda upload: documents.document_add_to_call(
            call=call, by=request.user, upload=upload
        ),
    )


@require_safe
def document_download(request: HttpRequest, uuid) -> FileResponse:
    document = access.document_for_user(request.user, uuid)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=KINDS[document.kind].content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def document_remove(request: HttpRequest, uuid) -> HttpResponse:
    document = access.document_for_user(request.user, uuid)
    return confirm_page(
        request,
        title=_("Remove “%(name)s”?") % {"name": document.name},
        question=_("The file is deleted. This cannot be undone."),
        button=_("Yes, remove it"),
        action=lambda: documents.document_remove(document=document, by=request.user),
        done=_("The document is removed."),
        back=document.application or document.call,
    )


@require_safe
@login_required
def call_applications(request: HttpRequest, uuid) -> HttpResponse:
    """Every application but drafts, for those who run the call."""
    call = access.call_for_user(request.user, uuid)
    if not access.may_run_call(request.user, call):
        raise PermissionDenied(_("Only those who run this call see its applications."))
    return render(
        request,
        "calls/applications.html",
        {"call": call, "applications": selectors.applications_to(call)},
    )


@require_safe
@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/my_applications.html",
        {"applications": selectors.applications_of(request.user)},
    )
