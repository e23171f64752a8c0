"""Pages of cooperation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .models import Partnership
from .types import CooperationType

TYPE_LABELS = {
    CooperationType.NORTH_SOUTH: _("North-South"),
    CooperationType.SOUTH_SOUTH: _("South-South"),
    CooperationType.TRIANGULAR: _("Triangular"),
    CooperationType.SOUTH_NORTH: _("South-North"),
    CooperationType.NORTH_NORTH: _("North-North"),
}


@require_safe
def partnership_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A partnership: who, since when, and where it came from."""
    partnership = get_object_or_404(
        Partnership.objects.select_related(
            "request__country", "offer__organization", "offer__country"
        ),
        uuid=uuid,
    )
    match = getattr(partnership, "match", None)
    kind = partnership.cooperation_type
    context = {
        "partnership": partnership,
        "match": match,
        "participants": partnership.participants.select_related(
            "organization", "country"
        ),
        "cooperation_type": TYPE_LABELS[kind] if kind else None,
    }
    return render(request, "cooperation/partnership.html", context)
