"""Answers every app's pages share."""

from collections.abc import Callable

from django.contrib import messages
from django.forms import BaseForm
from django.forms import BaseFormSet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.shortcuts import resolve_url

from .errors import ValidationError
from .forms import run_service


def render_page_or_partial(
    request: HttpRequest, template: str, partial: str, context: dict
) -> HttpResponse:
    """The whole page, or only its `partial` (a template partial) when htmx asks
    for a part of it. Restoring a page htmx no longer holds in its history asks
    for the whole page."""
    htmx = getattr(request, "htmx", None)
    wants_part = bool(htmx) and not htmx.history_restore_request
    return render(request, f"{template}#{partial}" if wants_part else template, context)


def refused(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The "not allowed" page, with why (403): the site's `handler403`, so that a
    view raises PermissionDenied with its reason and never renders this itself."""
    return render(request, "core/refused.html", {"message": str(exception)}, status=403)


def first_error(error: ValidationError) -> str:
    """The first message of an error, for a one-line notice after a redirect."""
    return next(iter(error.message_dict.values()))[0]


def run_and_report(
    request: HttpRequest, action: Callable[[], object], done: str
) -> None:
    """Call the service a confirmation page asked for, and say how it went in a
    message on the next page: `done`, or why the service refused."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    button: str,
    action: Callable[[], object],
    done: str,
    back,
) -> HttpResponse:
    """Ask to confirm an action (GET); once confirmed (POST), take it through
    `run_and_report` and go `back`, a record or a URL, where cancelling leads too."""
    if request.method == "POST":
        run_and_report(request, action, done)
        return redirect(back)
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "cancel_url": resolve_url(back),
        },
    )


def form_page(
    request: HttpRequest,
    form,
    action: Callable[[dict], object],
    *,
    done: str,
    template: str,
    context: dict,
    back=None,
) -> HttpResponse:
    """A page whose form writes through a service (`core.forms.run_service`):
    once the service wrote, say `done` and go `back`, or to the record it wrote;
    otherwise the page with the form and its errors (400 once sent)."""
    saved = run_service(form, action)
    if saved is not None:
        messages.success(request, done)
        return redirect(saved if back is None else back)
    return render(
        request,
        template,
        {"form": form, **context},
        status=form_status(form),
    )


def form_status(*forms: BaseForm | BaseFormSet) -> int:
    """A page shown again with what its forms (or formsets) refused answers 400,
    else 200. A formset's `errors` is a list with an entry a form, empty or not,
    so its errors are counted."""
    refused = any(
        f.total_error_count() if isinstance(f, BaseFormSet) else f.errors for f in forms
    )
    return 400 if refused else 200


def download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to save rather than a page to show."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
