"""The one application error that services raise and every front end renders."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["Conflict", "PermissionDenied", "ValidationError", "TransitionError"]


class Conflict(ValidationError):
    """Well formed, but at odds with the records as they are (the API answers 409):
    already done or under way, or not allowed from the current status."""


class TransitionError(Conflict):
    """A lifecycle move that the record's current status does not allow."""
