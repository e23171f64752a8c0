"""Pages of the helpdesk: asking, the conversation of a question, the coordinators' queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.core.responses import first_error
from mutua.directory import access as directory
from mutua.exchange.models import IplcLands

from .. import access
from .. import selectors
from .. import services
from ..forms import ConvertForm
from ..forms import QuestionForm
from ..forms import ReplyForm


@require_http_methods(["GET", "POST"])
@login_required
def helpdesk(request: HttpRequest) -> HttpResponse:
    """Ask the helpdesk when no partner can be found; see earlier questions."""
    form = QuestionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.ticket_open(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request, _("Your question is with the coordinators of the region.")
            )
            return redirect("community:helpdesk")
    mine = selectors.questions_of(request.user)
    return render(request, "community/helpdesk.html", {"form": form, "mine": mine})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def ticket(request: HttpRequest, uuid) -> HttpResponse:
    """A question and its conversation between the asker and the coordinators."""
    ticket = access.ticket_for_user(request.user, uuid)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ticket_reply(ticket=ticket, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, first_error(error))
        else:
            messages.success(request, _("Your reply is sent."))
        return redirect("community:ticket", uuid=ticket.uuid)
    context = {
        "t": ticket,
        "replies": selectors.replies_to(ticket),
        "form": form,
        "handles": access.handles(request.user, ticket),
        "iplc_choices": IplcLands.choices,
    }
    return render(request, "community/ticket.html", context)


@require_safe
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open questions from the countries the coordinator serves."""
    if not (
        directory.is_secretariat(request.user)
        or directory.coordinated_region_ids(request.user)
    ):
        raise PermissionDenied(_("Only coordinators answer the helpdesk."))
    context = {
        "tickets": selectors.open_queue(request.user),
        "iplc_choices": IplcLands.choices,
    }
    return render(request, "community/queue.html", context)


@require_POST
@login_required
def handle(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """Turn a question into a request, or close it with an answer."""
    ticket = selectors.ticket_by_uuid(uuid)
    if ticket is None or action not in ("convert", "close"):
        raise Http404("No such question.")
    if not access.handles(request.user, ticket):
        raise PermissionDenied(
            _("Only the country's coordinators handle this question.")
        )
    try:
        if action == "convert":
            form = ConvertForm(request.POST)
            if not form.is_valid():
                field = form["touches_iplc_lands"]
                messages.error(request, f"{field.label} {field.errors[0]}")
                return redirect("community:ticket", uuid=ticket.uuid)
            ticket = services.ticket_convert(
                ticket=ticket, by=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("The request now waits for the endorsement of the focal point."),
            )
            return redirect(ticket.request.get_absolute_url())
        services.ticket_close(
            ticket=ticket, by=request.user, answer=request.POST.get("answer", "")
        )
        messages.success(request, _("The answer is sent."))
    except ValidationError as error:
        messages.error(request, first_error(error))
        return redirect("community:ticket", uuid=ticket.uuid)
    return redirect("community:queue")
