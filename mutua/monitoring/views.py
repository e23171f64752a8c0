"""Pages of monitoring: the dashboard, each indicator and its records, the report,
and the Theory of Change."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from mutua.cooperation import exports
from mutua.core.responses import confirm_page
from mutua.core.responses import download
from mutua.core.responses import form_page

from . import access
from . import charts
from . import selectors
from . import services
from . import time_to_help as waiting
from .forms import ChangeStepForm
from .forms import ScopeForm
from .models import ChangeStep
from .models import Level
from .selectors import replace_year

CHAIN = [Level.INPUTS, Level.ACTIVITIES, Level.OUTPUTS, Level.OUTCOMES, Level.IMPACT]
CHARTED = 24  # at most this many bars; longer breakdowns are shown as a table


def _indicator(code: str):
    found = selectors.indicator(code)
    if found is None:
        raise Http404(_("No such indicator."))
    return found


def _scope_form(request: HttpRequest) -> ScopeForm:
    form = ScopeForm(request.GET)
    form.is_valid()
    return form


def _levels(items, level_of) -> list[tuple[str, list]]:
    grouped = [
        (label, [i for i in items if level_of(i) == level])
        for level, label in Level.choices
    ]
    return [(label, members) for label, members in grouped if members]


def _tiles(request: HttpRequest, template: str) -> HttpResponse:
    form = _scope_form(request)
    if form.errors:
        return render(request, template, {"form": form}, status=400)
    scope = form.scope()
    tiles = selectors.dashboard(
        scope.start.year, scope.region, scope.group, scope.target
    )
    shown = [
        (t, charts.bar_chart([(v.label, v.value) for v in t.trend])) for t in tiles
    ]
    context = {
        "form": form,
        "levels": _levels(shown, lambda pair: pair[0].indicator.level),
        "year": scope.start.year,
    }
    return render(request, template, context)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every indicator for a year, public, filtered, linked to its records.

    The page shows the year's values; the five-year trends, a few times longer to
    compute, come after it loads (`trends`).
    """
    form = _scope_form(request)
    if form.errors:
        return render(request, "monitoring/dashboard.html", {"form": form}, status=400)
    scope = form.scope()
    values = selectors.year_values(
        scope.start.year, scope.region, scope.group, scope.target
    )
    context = {
        "form": form,
        "levels": _levels(values, lambda pair: pair[0].level),
        "year": scope.start.year,
    }
    return render(request, "monitoring/dashboard.html", context)


@require_safe
def trends(request: HttpRequest) -> HttpResponse:
    """The dashboard's trend charts, each swapped into its indicator's tile."""
    return _tiles(request, "monitoring/trends.html")


@require_safe
def report(request: HttpRequest) -> HttpResponse:
    """The same figures laid out to print, with definitions and formulas."""
    return _tiles(request, "monitoring/report.html")


@require_safe
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The dashboard's values, every indicator for five years, as a table."""
    if fmt not in exports.FORMATS:
        raise Http404(_("No such export."))
    form = _scope_form(request)
    if form.errors:
        return render(request, "monitoring/dashboard.html", {"form": form}, status=400)
    scope = form.scope()
    rows = selectors.indicator_rows(
        selectors.dashboard(scope.start.year, scope.region, scope.group, scope.target)
    )
    content_type, write = exports.FORMATS[fmt]
    filename = f"indicators-{scope.start.year}.{fmt}"
    return download(write(selectors.INDICATOR_TABLE, rows), content_type, filename)


@require_safe
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator: what it means, its value, and its breakdowns."""
    found = _indicator(code)
    form = _scope_form(request)
    dimensions = selectors.dimensions(found)
    dimension = request.GET.get("by") or "year"
    context = {
        "indicator": found,
        "form": form,
        "dimensions": [(d, selectors.dimension_label(found, d)) for d in dimensions],
        "by": dimension,
        "by_label": selectors.dimension_label(found, dimension)
        if dimension in dimensions
        else "",
    }
    if dimension not in dimensions:
        form.add_error(None, _("This indicator cannot be broken down that way."))
    if form.errors:
        return render(request, "monitoring/indicator.html", context, status=400)
    scope = form.scope()
    breakdown = selectors.by(found, scope, dimension)
    context |= {
        "value": selectors.value(found, scope),
        "breakdown": breakdown,
        "chart": charts.bar_chart([(v.label, v.value) for v in breakdown], width=480)
        if len(breakdown) <= CHARTED
        else None,
    }
    return render(request, "monitoring/indicator.html", context)


@require_safe
def indicator_records(request: HttpRequest, code: str) -> HttpResponse:
    """The records behind a value: those counted, or those divided by."""
    found = _indicator(code)
    form = _scope_form(request)
    part = request.GET.get("part") or "numerator"
    if part not in ("numerator", "denominator") or (
        part == "denominator" and not found.is_share
    ):
        form.add_error(None, _("Choose the records counted or those divided by."))
    context = {"indicator": found, "form": form, "part": part}
    if form.errors:
        return render(request, "monitoring/records.html", context, status=400)
    records = selectors.records(found, form.scope(), part).order_by("pk")
    page = Paginator(records, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/records.html", context | {"page": page})


@require_safe
def theory(request: HttpRequest) -> HttpResponse:
    """The Theory of Change as a diagram, each level with its indicators."""
    steps = selectors.change_steps()
    labels = dict(Level.choices)
    diagram = charts.theory_of_change(
        [
            (labels[level], [(s.pk, str(s)) for s in steps.get(level, [])])
            for level in CHAIN
        ],
        [(s.pk, str(s)) for s in steps.get(Level.ASSUMPTIONS, [])],
        str(labels[Level.ASSUMPTIONS]),
    )
    context = {
        "diagram": diagram,
        "levels": [
            (
                labels[level],
                steps.get(level, []),
                selectors.indicators_at(level),
            )
            for level in [*CHAIN, Level.ASSUMPTIONS]
        ],
        "may_edit": access.may_edit_theory(request.user),
    }
    return render(request, "monitoring/theory.html", context)


def _step_page(
    request: HttpRequest, step: ChangeStep | None, template: str, done: str, **context
) -> HttpResponse:
    """The form that adds or changes a step; once saved, the list of steps."""
    return form_page(
        request,
        ChangeStepForm(request.POST or None, instance=step),
        lambda data: services.step_save(by=request.user, step=step, **data),
        done=done,
        template=template,
        context={"step": step, **context},
        back="monitoring:steps",
    )


@require_http_methods(["GET", "POST"])
@login_required
def steps(request: HttpRequest) -> HttpResponse:
    """The secretariat's list of steps, with a form to add one."""
    access.refuse_unless_theory_editor(request.user)
    levels = _levels(selectors.change_step_list(), lambda s: s.level)
    return _step_page(
        request, None, "monitoring/steps.html", _("Step added."), levels=levels
    )


@require_http_methods(["GET", "POST"])
@login_required
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.refuse_unless_theory_editor(request.user)
    step = selectors.change_step(pk)
    return _step_page(request, step, "monitoring/step_form.html", _("Step saved."))


@require_http_methods(["GET", "POST"])
@login_required
def step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access.refuse_unless_theory_editor(request.user)
    step = selectors.change_step(pk)
    return confirm_page(
        request,
        title=_("Remove a step"),
        question=_("Remove “%(text)s” from the Theory of Change?")
        % {"text": step.text},
        button=_("Yes, remove it"),
        action=lambda: services.step_delete(by=request.user, step=step),
        done=_("Step removed."),
        back="monitoring:steps",
    )


@require_safe
def time_to_help(request: HttpRequest) -> HttpResponse:
    """How fast help comes: median and 90th percentile of each stage, by year,
    region and country group, and the share of proposals answered in time."""
    form = _scope_form(request)
    if form.errors:
        context = {"form": form}
        return render(request, "monitoring/time_to_help.html", context, status=400)
    scope = form.scope()
    year = scope.start.year
    stages = waiting.stages(scope)
    earlier = [
        (y, waiting.stages(replace_year(scope, y))) for y in range(year - 4, year)
    ]
    context = {
        "form": form,
        "year": year,
        "stages": stages,
        "answered": waiting.answered_in_time(scope),
        "by_year": [*earlier, (year, stages)],
    }
    return render(request, "monitoring/time_to_help.html", context)


@require_safe
def time_to_help_records(request: HttpRequest, stage: str) -> HttpResponse:
    """The public requests behind a stage's figures, the slowest first."""
    if stage not in waiting.STAGES:
        raise Http404(_("No such stage."))
    form = _scope_form(request)
    if form.errors:
        context = {"form": form}
        return render(request, "monitoring/time_to_help.html", context, status=400)
    records = waiting.stage_records(form.scope(), stage)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "stage": stage,
        "label": waiting.STAGES[stage],
        "page": page,
        "rows": [(r, getattr(r, stage)) for r in page],
    }
    return render(request, "monitoring/time_to_help_records.html", context)
