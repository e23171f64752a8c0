"""Dates in Chinese: 2026年3月5日 (see the English formats)."""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
