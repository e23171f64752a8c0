"""Pages of the selection and its follow-up: selecting from the shortlist, the
host's answer, the signed agreement, donors' pledges and the region's coordinators."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.forms import posted
from mutua.core.responses import confirm_page
from mutua.core.responses import form_page
from mutua.directory import access as directory

from .. import access
from .. import forms
from ..models import Selection
from ..services import selection as follow_up


@require_http_methods(["GET", "POST"])
@login_required
def select(request: HttpRequest, uuid) -> HttpResponse:
    application = access.application_for_user(request.user, uuid)
    if not access.may_run_call(request.user, application.call):
        raise PermissionDenied(_("Only those who run this call select."))
    return form_page(
        request,
        forms.SelectionForm(posted(request)),
        lambda data: follow_up.selection_make(
            application=application, by=request.user, **data
        ),
        done=_("Selected; the organization is told."),
        template="calls/select.html",
        context={"application": application, "call": application.call},
    )


def _step(done, due) -> str:
    if done:
        return "done"
    return "overdue" if due < timezone.localdate() else "due"


@require_safe
def selection_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The follow-up: every step done, due or overdue, and what each may do next."""
    selection = access.selection_for_user(request.user, uuid)
    runs = access.may_run_call(request.user, selection.call)
    host = access.owns_application(request.user, selection.application)
    live = selection.status in (Selection.Status.ACCEPTED, Selection.Status.SIGNED)
    return render(
        request,
        "calls/selection.html",
        {
            "selection": selection,
            "call": selection.call,
            "runs": runs,
            "host": host,
            "acceptance": _step(selection.answered_at, selection.acceptance_due),
            "agreement": _step(selection.agreement_signed_on, selection.agreement_due),
            "pledges": selection.pledges.select_related("donor"),
            "may_answer": host and selection.status == Selection.Status.AWAITING,
            "may_sign": runs and selection.status == Selection.Status.ACCEPTED,
            "may_pledge": runs and live,
            "may_appoint": live
            and directory.is_secretariat(request.user)
            and selection.application.region_id is not None,
        },
    )


def _hosted(request: HttpRequest, uuid) -> Selection:
    selection = access.selection_for_user(request.user, uuid)
    if not access.owns_application(request.user, selection.application):
        raise PermissionDenied(_("Only the selected organization answers."))
    return selection


@require_http_methods(["GET", "POST"])
@login_required
def accept(request: HttpRequest, uuid) -> HttpResponse:
    selection = _hosted(request, uuid)
    return confirm_page(
        request,
        title=_("Accept the selection?"),
        question=_(
            "%(organization)s agrees to host, and to sign the host agreement "
            "by %(day)s."
        )
        % {
            "organization": selection.application.organization.name,
            "day": formats.date_format(selection.agreement_due),
        },
        button=_("Accept"),
        action=lambda: follow_up.selection_answer(
            selection=selection, by=request.user, accept=True
        ),
        done=_("Accepted. The host agreement comes next."),
        back=selection,
    )


def _follow_up_page(
    request: HttpRequest, selection: Selection, form, action, *, heading: str, done: str
) -> HttpResponse:
    """A form of the selection's follow-up; once its service wrote, back to the
    selection."""
    return form_page(
        request,
        form,
        action,
        done=done,
        template="calls/selection_form.html",
        context={"selection": selection, "heading": heading},
        back=selection,
    )


@require_http_methods(["GET", "POST"])
@login_required
def decline(request: HttpRequest, uuid) -> HttpResponse:
    selection = _hosted(request, uuid)
    return _follow_up_page(
        request,
        selection,
        forms.DeclineForm(posted(request)),
        lambda data: follow_up.selection_answer(
            selection=selection, by=request.user, accept=False, **data
        ),
        heading=_("Decline the selection"),
        done=_("Declined. The next on the shortlist may be selected."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement(request: HttpRequest, uuid) -> HttpResponse:
    selection = access.selection_for_user(request.user, uuid)
    return _follow_up_page(
        request,
        selection,
        forms.AgreementForm(posted(request), request.FILES or None),
        lambda data: follow_up.agreement_record(
            selection=selection,
            by=request.user,
            signed_on=data["signed_on"],
            upload=data["file"],
        ),
        heading=_("The signed host agreement"),
        done=_("The signed agreement is kept."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def pledge(request: HttpRequest, uuid) -> HttpResponse:
    selection = access.selection_for_user(request.user, uuid)
    return _follow_up_page(
        request,
        selection,
        forms.PledgeForm(posted(request)),
        lambda data: follow_up.pledge_add(selection=selection, by=request.user, **data),
        heading=_("A donor's pledge"),
        done=_("The pledge is recorded."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def appoint(request: HttpRequest, uuid) -> HttpResponse:
    selection = access.selection_for_user(request.user, uuid)
    return _follow_up_page(
        request,
        selection,
        forms.AppointForm(
            posted(request), organization=selection.application.organization
        ),
        lambda data: follow_up.coordinator_appoint(
            selection=selection, by=request.user, member=data["member"]
        ),
        heading=_("A coordinator of the region"),
        done=_("The member coordinates the region now."),
    )
