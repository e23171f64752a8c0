"""The bulk import page: upload a CSV or XLSX file, see what was imported or why not.

A file of up to `SYNC_ROWS` rows is imported while the page waits; a larger one
by a background job, whose page shows its progress and then its outcome.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from mutua.core.responses import download
from mutua.core.responses import render_page_or_partial

from . import access
from . import jobs
from . import selectors
from . import services
from .columns import COLUMNS
from .columns import KINDS
from .columns import template_csv
from .forms import KIND_LABELS
from .forms import ImportForm

# Checked and written within a second or two: the page may wait for these.
SYNC_ROWS = 200
DONE = "mutua_import_done"


def _page(request: HttpRequest, form: ImportForm, status: int = 200, **context):
    columns = [(kind, KIND_LABELS[kind], COLUMNS[kind]) for kind in KINDS]
    return render(
        request,
        "importing/upload.html",
        {
            "form": form,
            "columns": columns,
            "jobs": selectors.import_jobs_of(request.user),
            **context,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Import an uploaded file as the user, all or nothing."""
    if request.method != "POST":
        return _page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    file = form.cleaned_data["file"]
    data = file.read()
    publish = form.cleaned_data["publish"]
    sheet, outcome = services.read(
        data=data,
        filename=file.name,
        kind=form.cleaned_data["kind"] or None,
        max_rows=jobs.MAX_ROWS,
    )
    if sheet is not None and len(sheet.rows) > SYNC_ROWS:
        job = jobs.job_queue(
            by=request.user,
            data=data,
            filename=file.name,
            kind=outcome.kind,
            publish=publish,
        )
        return redirect("importing:job", job.uuid)
    if sheet is not None:
        services.check(sheet, outcome, by=request.user, publish=publish)
        if outcome.ok:
            services.write(outcome, by=request.user)
    if not outcome.ok:
        return _page(request, form, 422, **_problems(jobs.problems(outcome)))
    request.session[DONE] = jobs.summary(outcome)
    return redirect("importing:done")


def _problems(found: dict) -> dict:
    return {**found, "kind_label": KIND_LABELS.get(found["kind"], "")}


@login_required
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    """Show what the last import wrote, once: a reload does not import again."""
    summary = request.session.pop(DONE, None)
    if summary is None:
        return redirect("importing:upload")
    label = KIND_LABELS.get(summary["kind"], "")
    return render(request, "importing/done.html", {**summary, "label": label})


@login_required
@require_GET
def job(request: HttpRequest, uuid) -> HttpResponse:
    """A background import's progress, then its outcome; htmx asks for the part
    that changes every two seconds until the job is finished."""
    found = access.import_job_for_user(request.user, uuid)
    label = KIND_LABELS.get(found.result.get("kind", ""), "")
    context = {"job": found, **found.result, "label": label, "kind_label": label}
    return render_page_or_partial(request, "importing/job.html", "status", context)


@require_GET
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """A blank CSV template of one kind: the header row and one example row."""
    if kind not in KINDS:
        raise Http404("No such kind.")
    return download(
        template_csv(kind, today=timezone.localdate()),
        "text/csv; charset=utf-8",
        f"mutua-{kind}.csv",
    )
