"""The one application error that services raise and every front end renders."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["Conflict", "PermissionDenied", "ValidationError", "TransitionError"]


class TransitionError(ValidationError):
    """A lifecycle move that the record's current status does not allow."""


class Conflict(ValidationError):
    """What was asked is already done or under way (the API answers 409)."""
