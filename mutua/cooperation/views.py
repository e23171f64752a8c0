"""Pages of cooperation: partnerships, their participants, activities and results."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from mutua.core.forms import add_service_errors, run_service
from mutua.core.responses import download
from mutua.directory import access as directory

from . import access, exports, iati, selectors, services
from .cooperation_type import CooperationType
from .forms import (
    MORE_ROWS,
    RESULT_FORMS,
    AttendanceFormSet,
    AttendanceReasonForm,
    ExchangeRateForm,
    ParticipantForm,
    ParticipantFormSet,
    PartnershipForm,
)
from .models import (
    Activity,
    ExchangeRate,
    Participant,
    Partnership,
)

TYPE_LABELS = {
    CooperationType.NORTH_SOUTH: gettext_lazy("North-South"),
    CooperationType.SOUTH_SOUTH: gettext_lazy("South-South"),
    CooperationType.TRIANGULAR: gettext_lazy("Triangular"),
    CooperationType.SOUTH_NORTH: gettext_lazy("South-North"),
    CooperationType.NORTH_NORTH: gettext_lazy("North-North"),
}
KIND_TITLES = {
    "activity": gettext_lazy("Activity"),
    "technology": gettext_lazy("Technology co-created"),
    "publication": gettext_lazy("Joint publication"),
    "policy": gettext_lazy("Policy developed or modified"),
    "funding": gettext_lazy("Funding received"),
}
NOT_EDITOR = gettext_lazy(
    "Only the partnership's participants, the coordinators of their regions and "
    "the secretariat may change it."
)


def _partnership(uuid) -> Partnership:
    return selectors.partnership_by_uuid(uuid)


def editors_only(view: Callable) -> Callable:
    """Signed in, then the URL's partnership if the user may edit it, or a refusal."""

    @require_http_methods(["GET", "POST"])
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, uuid, *args, **kwargs) -> HttpResponse:
        partnership = _partnership(uuid)
        if not access.may_edit(request.user, partnership):
            raise PermissionDenied(str(NOT_EDITOR))
        return view(request, partnership, *args, **kwargs)

    return wrapped


def _form_page(
    request: HttpRequest,
    form,
    partnership: Partnership,
    title: str,
    save: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    """Show the form; once valid, save it through a service, whose errors it shows."""
    if run_service(form, lambda data: save(dict(data))) is not None:
        messages.success(request, done)
        return redirect(partnership)
    context = {"form": form, "partnership": partnership, "title": title}
    return render(request, "cooperation/form.html", context, status=_status([form]))


def _status(form_or_forms) -> int:
    return 400 if any(f.errors for f in form_or_forms) else 200


def _listed(request: HttpRequest):
    """The partnerships a visitor asked for: by words of the title and by type."""
    return selectors.partnerships(
        request.GET.get("q") or "", request.GET.get("type") or ""
    )


@require_safe
def partnership_list(request: HttpRequest) -> HttpResponse:
    """Every partnership, newest first, searchable by title and narrowed by type."""
    query = (request.GET.get("q") or "").strip()[:200]
    kind = request.GET.get("type") or ""
    partnerships = _listed(request)
    page = Paginator(partnerships, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "kind": kind,
        "types": TYPE_LABELS,
        "tables": TABLE_LABELS.items(),
        "formats": list(exports.FORMATS),
    }
    return render(request, "cooperation/list.html", context)


@require_safe
def partnership_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A partnership: who, since when, where it came from, what it did and produced."""
    partnership = _partnership(uuid)
    kind = partnership.cooperation_type
    results = selectors.results_of(partnership)
    context = {
        "partnership": partnership,
        "match": getattr(partnership, "match", None),
        "participants": selectors.participants_of(partnership),
        "cooperation_type": TYPE_LABELS[kind] if kind else None,
        "may_edit": access.may_edit(request.user, partnership),
        "reporting_currency": settings.REPORTING_CURRENCY,
        **results,
    }
    return render(request, "cooperation/partnership.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def partnership_new(request: HttpRequest) -> HttpResponse:
    """Enter cooperation that did not start here, with its participants."""
    data = request.POST if request.method == "POST" else None
    form = PartnershipForm(data)
    participants = ParticipantFormSet(data, prefix="participants")
    if data is not None and form.is_valid() and participants.is_valid():
        fields = dict(form.cleaned_data)
        try:
            partnership = services.partnership_create(
                by=request.user,
                targets=fields.pop("targets"),
                participants=[
                    {k: v for k, v in p.items() if k != "DELETE"}
                    for p in participants.cleaned_data
                    if p
                ],
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Partnership recorded."))
            return redirect(partnership)
    context = {"form": form, "participants": participants}
    return render(
        request, "cooperation/new.html", context, status=_status([form, participants])
    )


@editors_only
def partnership_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = PartnershipForm(request.POST or None, instance=partnership)

    def save(_fields: dict):
        fields, seen = form.edits()
        return services.partnership_update(
            partnership=partnership, by=request.user, seen=seen, **fields
        )

    title, done = _("Edit the partnership"), _("Changes saved.")
    return _form_page(request, form, partnership, title, save, done)


@editors_only
def participant_add(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    def save(fields: dict):
        return services.participant_add(
            partnership=partnership, by=request.user, **fields
        )

    form = ParticipantForm(request.POST or None)
    title, done = _("Add a participant"), _("Participant added.")
    return _form_page(request, form, partnership, title, save, done)


@editors_only
def participant_remove(
    request: HttpRequest, partnership: Partnership, pk: int
) -> HttpResponse:
    participant = get_object_or_404(Participant, pk=pk, partnership=partnership)
    if request.method == "POST":
        try:
            services.participant_remove(participant=participant, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Participant removed."))
        return redirect(partnership)
    return _confirm_removal(request, partnership, str(participant))


def _confirm_removal(request, partnership: Partnership, what: str) -> HttpResponse:
    return render(
        request,
        "core/confirm.html",
        {
            "title": _("Remove “%(what)s”?") % {"what": what},
            "question": _(
                "It is removed from “%(partnership)s”, and the indicators no longer "
                "count it. This cannot be undone."
            )
            % {"partnership": partnership.title},
            "button": _("Yes, remove it"),
            "cancel_url": partnership.get_absolute_url(),
        },
    )


def _record(partnership: Partnership, kind: str, pk: int):
    if kind not in RESULT_FORMS:
        raise Http404(_("No such kind of record."))
    model = services.KINDS[kind]
    return get_object_or_404(model, pk=pk, partnership=partnership)


@editors_only
def record_form(
    request: HttpRequest, partnership: Partnership, kind: str, pk: int | None = None
) -> HttpResponse:
    """Add or edit an activity or a result of the partnership."""
    if kind not in RESULT_FORMS:
        raise Http404(_("No such kind of record."))
    record = _record(partnership, kind, pk) if pk else None

    def save(fields: dict):
        if record is None:
            return services.record_add(
                partnership=partnership, by=request.user, kind=kind, **fields
            )
        fresh = type(record).objects.get(pk=record.pk)
        return services.record_update(record=fresh, by=request.user, **fields)

    form = RESULT_FORMS[kind](
        request.POST or None, instance=record, partnership=partnership
    )
    names = {"kind": KIND_TITLES[kind]}
    title = _("Edit: %(kind)s") % names if record else _("Add: %(kind)s") % names
    return _form_page(request, form, partnership, title, save, _("Saved."))


@editors_only
def record_delete(
    request: HttpRequest, partnership: Partnership, kind: str, pk: int
) -> HttpResponse:
    record = _record(partnership, kind, pk)
    if request.method == "POST":
        services.record_delete(record=record, by=request.user)
        messages.success(request, _("Removed."))
        return redirect(partnership)
    return _confirm_removal(request, partnership, str(record))


def _with_more_rows(data):
    """The posted attendance with a few empty rows more, to fill before saving."""
    data = data.copy()
    total = AttendanceFormSet(data, prefix="rows").total_form_count()
    data["rows-TOTAL_FORMS"] = str(min(total + MORE_ROWS, AttendanceFormSet.max_num))
    return data


@editors_only
def attendance(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    """Who took part in an activity, by stakeholder type, role and gender.

    "More rows" sends what is filled in and comes back with empty rows added,
    without saving: the form grows as it is filled, with no script.
    """
    activity = get_object_or_404(Activity, pk=pk, partnership=partnership)
    initial = list(
        activity.attendance.values("stakeholder_type", "role", "gender", "count")
    )
    more = request.method == "POST" and "more" in request.POST
    if request.method == "POST":
        data = _with_more_rows(request.POST) if more else request.POST
        rows = AttendanceFormSet(data, prefix="rows")
        why = AttendanceReasonForm(request.POST)
    else:
        rows = AttendanceFormSet(initial=initial, prefix="rows")
        reason = activity.attendance_reason
        why = AttendanceReasonForm(
            initial={"confirmed": bool(reason), "reason": reason}
        )
    problems: list[str] = []
    if request.method == "POST" and not more and rows.is_valid() and why.is_valid():
        kept = [r for r in rows.cleaned_data if r and not r.get("DELETE")]
        try:
            services.attendance_set(
                activity=activity,
                by=request.user,
                rows=[{k: v for k, v in r.items() if k != "DELETE"} for r in kept],
                reason=why.confirmed_reason(),
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Participation saved."))
            return redirect(activity)
    context = {
        "rows": rows,
        "why": why,
        "problems": problems,
        "activity": activity,
        "partnership": partnership,
    }
    invalid = (
        not more
        and request.method == "POST"
        and not (rows.is_valid() and why.is_valid())
    )
    status = 400 if problems or invalid else 200
    return render(request, "cooperation/attendance.html", context, status=status)


NOT_SECRETARIAT = gettext_lazy("Only the secretariat may store exchange rates.")


def secretariat_only(view: Callable) -> Callable:
    """Signed in and of the secretariat, or a refusal."""

    @require_http_methods(["GET", "POST"])
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not directory.is_secretariat(request.user):
            raise PermissionDenied(str(NOT_SECRETARIAT))
        return view(request, *args, **kwargs)

    return wrapped


@secretariat_only
def exchange_rates(request: HttpRequest) -> HttpResponse:
    """The secretariat's stored rates, used to convert every funding flow."""
    form = ExchangeRateForm(request.POST or None)
    if run_service(
        form, lambda data: services.exchange_rate_set(by=request.user, **data)
    ):
        messages.success(request, _("Rate stored."))
        return redirect("cooperation:rates")
    currency = (request.GET.get("currency") or "").upper()[:3]
    rates = selectors.exchange_rates(currency)
    page = Paginator(rates, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "currency": currency,
        "reporting_currency": settings.REPORTING_CURRENCY,
    }
    return render(request, "cooperation/rates.html", context, status=_status([form]))


@secretariat_only
def exchange_rate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a rate; the flows converted at it are converted again."""
    rate = get_object_or_404(ExchangeRate, pk=pk)
    form = ExchangeRateForm(request.POST or None, instance=rate)
    corrected = run_service(
        form,
        lambda data: services.exchange_rate_update(
            rate=ExchangeRate.objects.get(pk=pk), by=request.user, **data
        ),
    )
    if corrected is not None:
        messages.success(request, _("Rate corrected."))
        return redirect("cooperation:rates")
    context = {"form": form, "flows": selectors.flows_converted_at(rate)}
    return render(
        request, "cooperation/rate_edit.html", context, status=_status([form])
    )


@secretariat_only
def exchange_rate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a rate entered by mistake, after confirmation, if no flow used it."""
    rate = get_object_or_404(ExchangeRate, pk=pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.exchange_rate_delete(rate=rate, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Rate deleted."))
            return redirect("cooperation:rates")
    context = {
        "rate": rate,
        "flows": selectors.flows_converted_at(rate),
        "problems": problems,
    }
    status = 400 if problems else 200
    return render(request, "cooperation/rate_delete.html", context, status=status)


TABLE_LABELS = {
    "partnerships": gettext_lazy("Partnerships"),
    "activities": gettext_lazy("Activities"),
    "attendance": gettext_lazy("Participants by gender and role"),
    "technologies": gettext_lazy("Technologies"),
    "publications": gettext_lazy("Publications"),
    "policies": gettext_lazy("Policies"),
    "funding": gettext_lazy("Funding"),
}


@require_safe
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A table of the listed partnerships, or of what they did and produced."""
    if table not in selectors.TABLES or fmt not in exports.FORMATS:
        raise Http404(_("No such export."))
    content_type, write = exports.FORMATS[fmt]
    chosen = _listed(request).values("pk")
    records = selectors.TABLES[table](chosen).order_by("pk")
    return download(write(table, records), content_type, f"{table}.{fmt}")


@require_safe
def export_iati(request: HttpRequest) -> HttpResponse:
    """The listed partnerships as IATI 2.03 activities."""
    partnerships = _listed(request).order_by("pk")
    if not partnerships.exists():
        raise Http404(_("No partnership to export."))
    return download(
        iati.activities_xml(partnerships), "application/xml", "partnerships-iati.xml"
    )
