"""Pages of what a partnership did and produced: activities and who took part in
them, technologies, publications, policies and funding received."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors
from .. import services
from ..forms import MORE_ROWS
from ..forms import RESULT_FORMS
from ..forms import AttendanceFormSet
from ..forms import AttendanceReasonForm
from ..forms import FieldReportForm
from ..models import Activity
from ..models import Partnership
from .editing import confirm_removal
from .editing import editors_only
from .editing import form_page

KIND_TITLES = {
    "activity": gettext_lazy("Activity"),
    "technology": gettext_lazy("Technology co-created"),
    "publication": gettext_lazy("Joint publication"),
    "policy": gettext_lazy("Policy developed or modified"),
    "funding": gettext_lazy("Funding received"),
}


def _record(partnership: Partnership, kind: str, pk: int):
    if kind not in RESULT_FORMS:
        raise Http404(_("No such kind of record."))
    model = services.KINDS[kind]
    return selectors.record_of(partnership, model, pk)


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
        fresh = selectors.fresh(record)
        return services.record_update(record=fresh, by=request.user, **fields)

    form = RESULT_FORMS[kind](
        request.POST or None, instance=record, partnership=partnership
    )
    names = {"kind": KIND_TITLES[kind]}
    title = _("Edit: %(kind)s") % names if record else _("Add: %(kind)s") % names
    return form_page(request, form, partnership, title, save, _("Saved."))


@editors_only
def record_delete(
    request: HttpRequest, partnership: Partnership, kind: str, pk: int
) -> HttpResponse:
    record = _record(partnership, kind, pk)

    def remove():
        services.record_delete(record=record, by=request.user)

    return confirm_removal(request, partnership, str(record), remove, _("Removed."))


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
    activity = selectors.record_of(partnership, Activity, pk)
    initial = selectors.attendance_rows(activity)
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


@editors_only
def field_report(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """An activity recorded on a phone, with or without a connection: the page's
    script keeps the report on the device and sends it when it can (a page the
    service worker keeps, so that it opens offline too)."""
    context = {
        "partnership": partnership,
        "form": FieldReportForm(),
        "attendance": AttendanceFormSet(prefix="attendance"),
    }
    return render(request, "cooperation/field_report.html", context)
