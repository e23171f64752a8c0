"""Dates in Spanish: 5 de marzo de 2026 (see the English formats)."""

DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
