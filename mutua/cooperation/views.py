"""Pages of cooperation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Partnership


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
    return render(
        request,
        "cooperation/partnership.html",
        {"partnership": partnership, "match": match},
    )
