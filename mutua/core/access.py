"""What the access rules of every app share."""

import uuid as uuid_lib
from collections.abc import Callable

from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404


def visible_or_404(
    queryset: QuerySet,
    uuid,
    *,
    user,
    rule: Callable[[object, Model], bool],
    missing: str,
) -> Model:
    """The record of `uuid` in `queryset` if `rule(user, record)` lets the user
    see it; 404 (`missing`) otherwise, for a hidden record as for one that does
    not exist, so that the answer does not tell that a hidden one exists. A
    `uuid` sent in a form or query that is no uuid at all names nothing: 404."""
    try:
        uuid = uuid_lib.UUID(str(uuid))
    except ValueError:
        raise Http404(missing) from None
    found = queryset.filter(uuid=uuid).first()
    if found is None or not rule(user, found):
        raise Http404(missing)
    return found
