"""API of notifications: a user's own inbox and choices, nobody else's."""

from uuid import UUID

from ninja import Query
from ninja import Router

from mutua.core.api import WRITE
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.directory.selectors import profile_of

from . import access
from . import selectors
from . import services
from .schemas import MarkedOut
from .schemas import NotificationOut
from .schemas import NotificationPage
from .schemas import NotificationQuery
from .schemas import PreferencesIn
from .schemas import PreferencesOut

router = Router(tags=["notifications"])


@router.get(
    "/notifications",
    response={200: NotificationPage, **error_responses()},
    auth=WRITE,
)
def list_notifications(request, filters: Query[NotificationQuery]):
    """The caller's notifications, newest first."""
    return page_of(selectors.inbox(request.auth, unread=filters.unread), filters)


@router.post(
    "/notifications/read",
    response={200: MarkedOut, **error_responses()},
    auth=WRITE,
)
def read_all_notifications(request):
    """Mark every notification of the caller read."""
    return {"marked": services.notifications_read_all(by=request.auth)}


@router.post(
    "/notifications/{uuid}/read",
    response={200: NotificationOut, **error_responses()},
    auth=WRITE,
)
def read_notification(request, uuid: UUID):
    """Mark one of the caller's notifications read."""
    notification = access.notification_for_user(request.auth, uuid)
    return services.notification_read(notification=notification, by=request.auth)


def _preferences(user) -> dict:
    return {
        "language": profile_of(user).language,
        "deliveries": selectors.deliveries_of(user),
    }


@router.get(
    "/notifications/preferences",
    response={200: PreferencesOut, **error_responses()},
    auth=WRITE,
)
def get_notification_preferences(request):
    """How the caller hears of each kind of notification, and in which language."""
    return _preferences(request.auth)


@router.put(
    "/notifications/preferences",
    response={200: PreferencesOut, **error_responses(body=True)},
    auth=WRITE,
)
def set_notification_preferences(request, payload: PreferencesIn):
    """Change how the caller hears of the kinds named, or its language."""
    services.preferences_set(
        by=request.auth, deliveries=payload.deliveries, language=payload.language
    )
    return _preferences(request.auth)
