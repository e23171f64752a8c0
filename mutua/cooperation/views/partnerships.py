"""Pages of partnerships: the list, a partnership, entering one, editing it and its
participants."""

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
from django.views.decorators.http import require_safe

from mutua.core.forms import add_service_errors
from mutua.core.responses import form_status

from .. import access
from .. import exports
from .. import selectors
from .. import services
from ..cooperation_type import CooperationType
from ..forms import ParticipantForm
from ..forms import ParticipantFormSet
from ..forms import PartnershipForm
from ..models import Participant
from ..models import Partnership
from .editing import confirm_removal
from .editing import editors_only
from .editing import form_page

TYPE_LABELS = {
    CooperationType.NORTH_SOUTH: gettext_lazy("North-South"),
    CooperationType.SOUTH_SOUTH: gettext_lazy("South-South"),
    CooperationType.TRIANGULAR: gettext_lazy("Triangular"),
    CooperationType.SOUTH_NORTH: gettext_lazy("South-North"),
    CooperationType.NORTH_NORTH: gettext_lazy("North-North"),
}

TABLE_LABELS = {
    "partnerships": gettext_lazy("Partnerships"),
    "activities": gettext_lazy("Activities"),
    "attendance": gettext_lazy("Participants by gender and role"),
    "technologies": gettext_lazy("Technologies"),
    "publications": gettext_lazy("Publications"),
    "policies": gettext_lazy("Policies"),
    "funding": gettext_lazy("Funding"),
}


def listed(request: HttpRequest):
    """The partnerships a visitor asked for: by words of the title and by type."""
    return selectors.partnerships(
        request.GET.get("q") or "", request.GET.get("type") or ""
    )


@require_safe
def partnership_list(request: HttpRequest) -> HttpResponse:
    """Every partnership, newest first, searchable by title and narrowed by type."""
    query = (request.GET.get("q") or "").strip()[:200]
    kind = request.GET.get("type") or ""
    partnerships = listed(request)
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
    partnership = selectors.partnership_by_uuid(uuid)
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
    status = form_status(form, participants)
    return render(request, "cooperation/new.html", context, status=status)


@editors_only
def partnership_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = PartnershipForm(request.POST or None, instance=partnership)

    def save(_fields: dict):
        fields, seen = form.edits()
        return services.partnership_update(
            partnership=partnership, by=request.user, seen=seen, **fields
        )

    title, done = _("Edit the partnership"), _("Changes saved.")
    return form_page(request, form, partnership, title, save, done)


@editors_only
def participant_add(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    def save(fields: dict):
        return services.participant_add(
            partnership=partnership, by=request.user, **fields
        )

    form = ParticipantForm(request.POST or None)
    title, done = _("Add a participant"), _("Participant added.")
    return form_page(request, form, partnership, title, save, done)


@editors_only
def participant_remove(
    request: HttpRequest, partnership: Partnership, pk: int
) -> HttpResponse:
    participant = selectors.record_of(partnership, Participant, pk)

    def remove():
        services.participant_remove(participant=participant, by=request.user)

    done = _("Participant removed.")
    return confirm_removal(request, partnership, str(participant), remove, done)
