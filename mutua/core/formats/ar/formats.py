"""Dates in Arabic: 5 مارس 2026 (see the English formats); large figures grouped by
thousands with Django's Arabic separator, 1.234.567 (Django's Arabic groups none)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
NUMBER_GROUPING = 3
