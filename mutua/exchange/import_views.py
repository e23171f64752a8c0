"""The bulk import page: upload a CSV or XLSX file, see what was imported or why not."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from . import importer

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A phone on a slow connection should not load thousands of rows of problems.
MAX_SHOWN = 1000
MAX_LINKS = 100
DONE = "mutua_import_done"
KIND_LABELS = {
    "organizations": _("Organizations"),
    "requests": _("Requests"),
    "offers": _("Offers"),
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("", _("Tell from the header row")), *KIND_LABELS.items()],
        required=False,
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB and 5,000 rows. CSV files in UTF-8."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the offers and submit the requests once imported"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB: split it into smaller files.")
            )
        return upload


def _link(record) -> dict[str, str]:
    try:
        url = record.get_absolute_url()
    except NoReverseMatch:  # a record whose page this instance does not serve
        url = ""
    return {"title": str(record), "url": url}


def _problems(outcome: importer.Outcome) -> dict:
    problems = outcome.problems
    return {
        "problems": problems[:MAX_SHOWN],
        "hidden": max(0, len(problems) - MAX_SHOWN),
        "total": len(problems),
        "kind_label": KIND_LABELS.get(outcome.kind, ""),
    }


def _summary(outcome: importer.Outcome) -> dict:
    """What the done page shows, kept in the session between redirect and page."""
    return {
        "kind": outcome.kind,
        "created": outcome.created,
        "existing": outcome.existing,
        "records": [_link(i.record) for i in outcome.imported[:MAX_LINKS]],
        "more": max(0, len(outcome.imported) - MAX_LINKS),
    }


def _page(request: HttpRequest, form: ImportForm, status: int = 200, **context):
    columns = [
        (kind, KIND_LABELS[kind], importer.COLUMNS[kind]) for kind in importer.KINDS
    ]
    return render(
        request,
        "exchange/import.html",
        {"form": form, "columns": columns, **context},
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
    outcome = importer.import_file(
        by=request.user,
        data=file.read(),
        filename=file.name,
        kind=form.cleaned_data["kind"] or None,
        publish=form.cleaned_data["publish"],
        max_rows=MAX_ROWS,
    )
    if not outcome.ok:
        return _page(request, form, 422, **_problems(outcome))
    request.session[DONE] = _summary(outcome)
    return redirect("importing:done")


@login_required
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    """Show what the last import wrote, once: a reload does not import again."""
    summary = request.session.pop(DONE, None)
    if summary is None:
        return redirect("importing:upload")
    label = KIND_LABELS.get(summary["kind"], "")
    return render(request, "exchange/import_done.html", {**summary, "label": label})


@require_GET
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """A blank CSV template of one kind: the header row and one example row."""
    if kind not in importer.KINDS:
        raise Http404("No such kind.")
    response = HttpResponse(
        importer.template_csv(kind, today=timezone.localdate()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="mutua-{kind}.csv"'
    return response
