"""Pages of the panel: its members and the assessment's overview for those who
run the call; declarations and score sheets for the members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.forms import posted
from mutua.core.forms import run_service
from mutua.core.responses import confirm_page
from mutua.core.responses import form_status

from .. import access
from .. import forms
from .. import selectors
from ..models import Application
from ..models import PanelMember
from ..services import panel


def _run_call(request: HttpRequest, uuid):
    call = access.call_for_user(request.user, uuid)
    if not access.may_run_call(request.user, call):
        raise PermissionDenied(_("Only those who run this call see its panel."))
    return call


@require_http_methods(["GET", "POST"])
@login_required
def panel_page(request: HttpRequest, uuid) -> HttpResponse:
    """The panel's members, an invitation, and the assessment so far."""
    call = _run_call(request, uuid)
    form = forms.PanelInviteForm(posted(request))
    seat = run_service(
        form,
        lambda data: panel.panel_invite(
            call=call, by=request.user, member=data["member"]
        ),
    )
    if seat is not None:
        messages.success(
            request, _("%(name)s sits on the panel.") % {"name": seat.user}
        )
        return redirect("calls:panel", uuid=call.uuid)
    return render(
        request,
        "calls/panel.html",
        {
            "call": call,
            "form": form,
            "seats": call.panel.select_related("user__profile"),
            "criteria": list(call.criteria.all()),
            "rows": selectors.assessment_overview(call),
            "names": selectors.panel_names(call),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def panel_leave(request: HttpRequest, uuid, seat: int) -> HttpResponse:
    call = _run_call(request, uuid)
    found = get_object_or_404(
        PanelMember.objects.select_related("user"), pk=seat, call=call
    )
    return confirm_page(
        request,
        title=_("Take %(name)s off the panel?") % {"name": found.user},
        question=_("What the member declared and scored stays on record."),
        button=_("Yes, take them off"),
        action=lambda: panel.panel_remove(seat=found, by=request.user),
        done=_("%(name)s no longer sits on the panel.") % {"name": found.user},
        back=reverse("calls:panel", args=[call.uuid]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def assessment_close(request: HttpRequest, uuid) -> HttpResponse:
    call = _run_call(request, uuid)
    return confirm_page(
        request,
        title=_("Close the assessment of “%(call)s”?") % {"call": call.title},
        question=_(
            "Panel members can no longer score; the shortlist reads the scores "
            "submitted until now."
        ),
        button=_("Close the assessment"),
        action=lambda: panel.assessment_close(call=call, by=request.user),
        done=_("The assessment is closed."),
        back=reverse("calls:panel", args=[call.uuid]),
    )


@require_safe
@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    """The calls on whose panel the user sits, with what it has to do on each."""
    return render(
        request,
        "calls/assess.html",
        {"panels": selectors.assessments_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def declare(request: HttpRequest, uuid) -> HttpResponse:
    """Declare a conflict of interest or none, before opening an application."""
    application = get_object_or_404(
        Application.objects.select_related("call__region__parent__parent"), uuid=uuid
    )
    if not access.may_declare(request.user, application):
        raise Http404("No such application.")  # nor does it exist, for anyone else
    form = forms.DeclarationForm(posted(request))
    declared = run_service(
        form,
        lambda data: panel.declare(application=application, by=request.user, **data),
    )
    if declared is not None:
        if declared.conflict:
            messages.success(
                request, _("Declared: you will not score this application.")
            )
            return redirect("calls:assess")
        return redirect("calls:score", uuid=application.uuid)
    return render(
        request,
        "calls/declare.html",
        {"application": application, "call": application.call, "form": form},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def score(request: HttpRequest, uuid) -> HttpResponse:
    """The assessor's sheet of an application; after submitting, the others'."""
    application = get_object_or_404(
        Application.objects.select_related(
            "call__region__parent__parent", "organization", "region"
        ),
        uuid=uuid,
    )
    if not access.may_open_for_assessment(request.user, application):
        if access.may_declare(request.user, application):
            if access.declaration_of(request.user, application) is None:
                return redirect("calls:declare", uuid=application.uuid)
            raise PermissionDenied(_("You declared a conflict: not yours to score."))
        raise Http404("No such application.")
    call = application.call
    sheet = application.sheets.filter(assessor=request.user).first()
    initial = selectors.sheet_initial(sheet)
    form = forms.ScoreSheetForm(posted(request), initial=initial, call=call)
    saved = run_service(
        form,
        lambda data: panel.sheet_save(
            application=application,
            by=request.user,
            scores=form.scores(),
            submit="submit" in request.POST,
        ),
    )
    if saved is not None:
        messages.success(
            request,
            _("Your scores are submitted.") if saved.submitted_at else _("Saved."),
        )
        return redirect("calls:score", uuid=application.uuid)
    others = (
        selectors.sheets_of(application)
        if access.may_see_others_scores(request.user, application)
        else None
    )
    return render(
        request,
        "calls/score.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "sheet": sheet,
            "others": others,
            "names": selectors.panel_names(call),
            **selectors.application_details(application),
        },
        status=form_status(form),
    )
