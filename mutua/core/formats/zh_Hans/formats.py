"""Dates in Chinese: 2026年3月5日 (see the English formats); large figures grouped by
thousands with a comma, 1,234,567.5, as CLDR's zh-Hans writes them (Django's
Chinese formats group by four with no separator, that is not at all)."""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
