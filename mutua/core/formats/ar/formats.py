"""Dates in Arabic: 5 مارس 2026 (see the English formats)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
