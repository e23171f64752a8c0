"""The one application error that services raise and every front end renders."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ValidationError", "TransitionError"]


class TransitionError(ValidationError):
    """A lifecycle move that the record's current status does not allow.

    The request was well formed but conflicts with the record's state, so the API
    answers 409 rather than 422.
    """
