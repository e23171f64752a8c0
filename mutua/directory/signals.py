"""Keep the reader's time zone in its session from the moment it signs in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from mutua.core import zones

from .models import Profile


@receiver(user_logged_in)
def remember_time_zone(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    chosen = Profile.objects.filter(user=user).values_list("time_zone", flat=True)
    request.session[zones.SESSION_KEY] = chosen.first() or ""
