"""Pages of calls: the list, a call, drafting and editing one, its lifecycle."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.core.forms import add_service_errors
from mutua.core.forms import posted
from mutua.core.responses import confirm_page
from mutua.core.responses import form_status
from mutua.core.responses import render_page_or_partial

from .. import access
from .. import forms
from .. import selectors
from ..models import Call
from ..services import calls


@require_safe
@vary_on_headers("HX-Request")
def call_list(request: HttpRequest) -> HttpResponse:
    form = forms.CallFilterForm(request.GET)
    queryset = selectors.calls(form.filters())
    page = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    runs_calls = access.runs_calls(request.user)
    return render_page_or_partial(
        request,
        "calls/list.html",
        "results",
        {
            "form": form,
            "page": page,
            "runs_calls": runs_calls,
            "drafts": selectors.drafts_run_by(request.user) if runs_calls else [],
        },
    )


@require_safe
def call_detail(request: HttpRequest, uuid) -> HttpResponse:
    call = access.call_for_user(request.user, uuid)
    runs = access.may_run_call(request.user, call)
    return render(
        request,
        "calls/call.html",
        {
            "call": call,
            "runs": runs,
            "moves": calls.moves_allowed(request.user, call),
            "editable": runs and call.status in (Call.Status.DRAFT, Call.Status.OPEN),
            "accepts": call.accepts_applications(),
            "mine": selectors.applications_of(request.user).filter(call=call),
            "document_form": forms.DocumentForm() if runs else None,
            "question_form": forms.QuestionForm(),
            "on_panel": access.sits_on_panel(request.user, call),
            "selecting": call.kind != Call.Kind.GRANT
            and call.status in (Call.Status.SHORTLISTED, Call.Status.SELECTED),
            "shortlist": selectors.shortlist(call)
            if call.status in access.PUBLISHED_RESULTS
            else [],
            "asked": selectors.questions_asked_by(request.user, call),
            "waiting": selectors.unanswered_questions(call) if runs else [],
            **selectors.call_details(call),
        },
    )


def _criteria_rows(formset) -> list[dict]:
    return [row for row in formset.cleaned_data if row]


def _call_form_page(request: HttpRequest, call: Call | None) -> HttpResponse:
    """Draft a call or change one: the call's fields and its criteria."""
    data = posted(request)
    if call is None:
        initial, rows = {}, calls.default_criteria()
    else:
        initial = {name: getattr(call, name) for name in forms.CallForm.base_fields}
        rows = list(call.criteria.values("name", "guidance", "weight"))
    form = forms.CallForm(data, initial=initial)
    criteria = forms.CriteriaFormSet(data, initial=rows, prefix="criteria")
    if data is not None and form.is_valid() and criteria.is_valid():
        try:
            saved = _save(request, call, form, criteria)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect(saved)
    status = form_status(form, criteria)
    return render(
        request,
        "calls/form.html",
        {"form": form, "criteria": criteria, "call": call},
        status=status,
    )


def _save(request: HttpRequest, call: Call | None, form, criteria) -> Call:
    if call is None:
        return calls.call_create(
            by=request.user, criteria=_criteria_rows(criteria), **form.cleaned_data
        )
    fields = {name: form.cleaned_data[name] for name in form.changed_data}
    return calls.call_update(
        call=call,
        by=request.user,
        criteria=_criteria_rows(criteria) if criteria.has_changed() else None,
        **fields,
    )


@require_http_methods(["GET", "POST"])
@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    if not access.runs_calls(request.user):
        raise PermissionDenied(
            _("Only the secretariat, and coordinators for their region, create calls.")
        )
    return _call_form_page(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def call_edit(request: HttpRequest, uuid) -> HttpResponse:
    call = access.call_for_user(request.user, uuid)
    if not access.may_run_call(request.user, call):
        raise PermissionDenied(_("Only those who run this call may change it."))
    return _call_form_page(request, call)


@require_http_methods(["GET", "POST"])
@login_required
def call_move(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """Confirm a lifecycle action, then take it."""
    call = access.call_for_user(request.user, uuid)
    move = calls.MOVES.get(action)
    if move is None or not access.may_run_call(request.user, call):
        raise PermissionDenied(_("Only those who run this call may do this."))
    status = Call.Status(move.target).label.lower()
    return confirm_page(
        request,
        title=f"{move.label}: {call.title}",
        question=_("The call becomes %(status)s, and its history says so.")
        % {"status": status},
        button=move.label,
        action=lambda: calls.call_move(call=call, by=request.user, action=action),
        done=_("Done: the call is now %(status)s.") % {"status": status},
        back=call,
    )
