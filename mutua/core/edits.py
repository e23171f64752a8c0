"""Edits made onto a record as it is stored now, never onto an older copy.

An edit locks the row, refuses a field that changed since the client read it,
sets only the fields it was given and saves only those: edits of different
fields at once all hold, and no edit puts back a status or another column.
"""

from typing import TypeVar

from django.db.models import Model
from django.utils.translation import gettext as _

from .errors import Conflict
from .errors import ValidationError

M = TypeVar("M", bound=Model)


def locked(record: M) -> M:
    """The record as stored now, locked until the transaction ends."""
    return type(record).objects.select_for_update().get(pk=record.pk)


def _comparable(record: Model, name: str, value):
    """What to compare: lists as sets, records by key, text as a page sends it
    back (line ends with CR, no surrounding spaces)."""
    field = record._meta.get_field(name)
    if field.many_to_many or isinstance(value, list | tuple):
        return {getattr(x, "pk", x) for x in value}
    if field.is_relation:
        return getattr(value, "pk", value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def _current(record: Model, name: str):
    if record._meta.get_field(name).many_to_many:
        return list(getattr(record, name).all())
    return getattr(record, name)


def _shown(record: Model, name: str) -> str:
    value = _current(record, name)
    if record._meta.get_field(name).choices:
        return getattr(record, f"get_{name}_display")()
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def refuse_stale(record: Model, fields: dict, seen: dict | None) -> None:
    """Refuse the fields sent whose stored value is no longer the one the client
    saw; `seen` holds the values the client read, None applies the fields as sent."""
    stale = [
        name
        for name, value in (seen or {}).items()
        if name in fields
        and _comparable(record, name, value)
        != _comparable(record, name, _current(record, name))
    ]
    if stale:
        raise Conflict(
            {
                name: ValidationError(
                    _(
                        "Someone else changed this meanwhile to “%(value)s”. "
                        "Save again to replace it with yours."
                    ),
                    code="stale",
                    params={
                        "value": _shown(record, name),
                        "stored": _current(record, name),
                    },
                )
                for name in stale
            }
        )
