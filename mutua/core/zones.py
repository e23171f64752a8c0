"""Time zones: each reader sees times in its own, chosen on its profile.

The names are the IANA database's (Python's `zoneinfo`, with the `tzdata`
package where the system has none), by area and place: "Africa/Blantyre".
A reader who chose none, or a visitor, reads UTC, and every time says its zone.
"""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AREAS = (
    "Africa America Antarctica Asia Atlantic Australia Europe Indian Pacific".split()
)
# Where the session keeps the reader's zone, for every request after sign-in.
SESSION_KEY = "time_zone"


@cache
def names() -> tuple[str, ...]:
    """Every zone a reader may choose, by area then place."""
    return tuple(
        sorted(
            name
            for name in zoneinfo.available_timezones()
            if name.split("/")[0] in AREAS
        )
    )


def validate_time_zone(value: str) -> None:
    if value and value not in names():
        raise ValidationError(
            _("Choose a time zone from the list, such as Africa/Blantyre."),
            code="invalid_time_zone",
        )


def reader_time_zone(get_response):
    """Show the request's times in the zone its session names (UTC without one)."""

    def middleware(request):
        name = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if name in names():
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware
