"""Dates and numbers in the reader's language, on every page: dates by
`core/formats`, numbers by Django's own formats of each language (Arabic's and
Chinese grouping by `core/formats`: Django's groups no digits in either)."""

import datetime as dt

import pytest
from django.utils import formats
from django.utils import translation

DAY = dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("language", "date", "number", "grouped"),
    [
        ("en", "5 March 2026", "1234.5", "1,234,567.5"),
        ("fr", "5 mars 2026", "1234,5", "1\xa0234\xa0567,5"),
        ("es", "5 de marzo de 2026", "1234,5", "1\xa0234\xa0567,5"),
        ("ru", "5 марта 2026", "1234,5", "1\xa0234\xa0567,5"),
        ("zh-hans", "2026年3月5日", "1234.5", "1,234,567.5"),
        ("ar", "5 مارس 2026", "1234,5", "1.234.567,5"),
    ],
)
def test_dates_and_numbers_read_as_the_reader_writes_them(
    language, date, number, grouped
):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.number_format(1234.5) == number
        # Grouped as the dashboards' figures are (`floatformat:"g"`).
        assert formats.number_format(1234567.5, force_grouping=True) == grouped
