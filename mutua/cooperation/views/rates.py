"""Pages of the exchange rates the secretariat stores to convert funding."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mutua.core.forms import run_service
from mutua.core.responses import form_status
from mutua.directory import access as directory

from .. import selectors
from .. import services
from ..forms import ExchangeRateForm

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
    return render(request, "cooperation/rates.html", context, status=form_status(form))


@secretariat_only
def exchange_rate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a rate; the flows converted at it are converted again."""
    rate = selectors.exchange_rate(pk)
    form = ExchangeRateForm(request.POST or None, instance=rate)
    corrected = run_service(
        form,
        lambda data: services.exchange_rate_update(
            rate=selectors.fresh(rate), by=request.user, **data
        ),
    )
    if corrected is not None:
        messages.success(request, _("Rate corrected."))
        return redirect("cooperation:rates")
    context = {"form": form, "flows": selectors.flows_converted_at(rate)}
    return render(
        request, "cooperation/rate_edit.html", context, status=form_status(form)
    )


@secretariat_only
def exchange_rate_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a rate entered by mistake, after confirmation, if no flow used it."""
    rate = selectors.exchange_rate(pk)
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
