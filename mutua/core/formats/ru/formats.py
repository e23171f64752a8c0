"""Dates in Russian: 5 марта 2026 (see the English formats): the month in the
genitive, as a date says it."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
