"""Answers every app's pages share."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from .errors import ValidationError


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


def download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to save rather than a page to show."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
