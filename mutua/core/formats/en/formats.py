"""Dates as English readers across the Convention's Parties write them: 5 March 2026.

One format for a date and one for a date with its time, used by every page
through `|date` and `|date:"DATETIME_FORMAT"`.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
