"""The unread count every page's header shows to a signed-in user."""

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Counted only by a page that shows it (an htmx fragment does not).
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
