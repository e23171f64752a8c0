"""Pages of notifications: the inbox, the choices, the one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from mutua.core.errors import NotFound
from mutua.core.forms import run_service
from mutua.directory.selectors import profile_of

from . import access
from . import selectors
from . import services
from . import texts
from .forms import PreferencesForm
from .models import Kind

PAGE_SIZE = 25


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread = request.GET.get("show") == "unread"
    notifications = selectors.inbox(request.user, unread=unread)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    for notification in page:
        notification.text = texts.sentence(notification)
    return render(
        request, "notifications/inbox.html", {"page": page, "unread_only": unread}
    )


@require_safe
@login_required
def open_notification(request: HttpRequest, uuid) -> HttpResponse:
    """Mark the notification read and go to what it tells of."""
    notification = access.notification_for_user(request.user, uuid)
    services.notification_read(notification=notification, by=request.user)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:inbox")
    return redirect(notification.url)


@require_POST
@login_required
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read (`notification`), or all of them."""
    if request.POST.get("notification"):
        notification = access.notification_for_user(
            request.user, request.POST["notification"]
        )
        services.notification_read(notification=notification, by=request.user)
    else:
        services.notifications_read_all(by=request.user)
        messages.success(request, _("Every notification is marked read."))
    return redirect("notifications:inbox")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    initial = selectors.deliveries_of(request.user) | {
        "language": profile_of(request.user).language
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = run_service(
        form,
        lambda data: services.preferences_set(
            by=request.user, deliveries=form.deliveries(), language=data["language"]
        ),
    )
    if saved is not None:
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # the signed link is the proof; mail clients post without a session
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link scanner must not unsubscribe anyone); POST,
    from the page or a mail client's one-click (RFC 8058), does it."""
    try:
        if request.method == "POST":
            _user, kinds = services.unsubscribe_by_link(token=token)
        else:
            kinds = services.unsubscribe_kinds(token=token)
    except NotFound as error:
        context = {"error": error.messages[0]}
        return render(request, "notifications/unsubscribe.html", context, status=404)
    context = {
        "kinds": [Kind(kind).label for kind in kinds],
        "done": request.method == "POST",
    }
    return render(request, "notifications/unsubscribe.html", context)
