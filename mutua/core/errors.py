"""The one application error that services raise and every front end renders."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

__all__ = [
    "Conflict",
    "NotFound",
    "PermissionDenied",
    "Refused",
    "TooMany",
    "TransitionError",
    "ValidationError",
]


class Conflict(ValidationError):
    """Well formed, but at odds with the records as they are (the API answers 409):
    already done or under way, or not allowed from the current status."""


class TransitionError(Conflict):
    """A lifecycle move that the record's current status does not allow."""


class NotFound(ValidationError):
    """An input names a record that does not exist (the API answers 404)."""


class Refused(ValidationError):
    """Well formed, but the rules do not let this user do it so (the API answers
    403); the field says what to change, and a form shows it beside that field."""


class TooMany(ValidationError):
    """Well formed, but more than its author may send for now (the API answers
    429); the message says when to try again."""
