"""Dates and numbers in the reader's language, on every page: dates by
`core/formats`, numbers by Django's own formats of each language."""

import datetime as dt

import pytest
from django.utils import formats
from django.utils import translation

DAY = dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [
        ("en", "5 March 2026", "1234.5"),
        ("fr", "5 mars 2026", "1234,5"),
        ("es", "5 de marzo de 2026", "1234,5"),
        ("ru", "5 марта 2026", "1234,5"),
        ("zh-hans", "2026年3月5日", "1234.5"),
        ("ar", "5 مارس 2026", "1234,5"),  # Django's Arabic formats
    ],
)
def test_dates_and_numbers_read_as_the_reader_writes_them(language, date, number):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.number_format(1234.5) == number
