"""What users write is stripped, and refused by name when empty or too long,
with the numbers in the reader's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mutua.core.text import written


def refusal(value, **limits) -> dict:
    with pytest.raises(ValidationError) as refused:
        written(value, field="note", **limits)
    return refused.value.message_dict


def test_what_fits_comes_back_stripped():
    assert written("  A reply.  ", field="note", most=10) == "A reply."
    assert written("   ", field="note", most=10) == ""
    assert written(None, field="note", most=10) == ""


def test_empty_is_refused_when_it_says_why():
    assert refusal(" \n", most=10, if_empty="Write it out.") == {
        "note": ["Write it out."]
    }


def test_too_long_names_the_field_the_limit_and_the_length():
    assert refusal("x" * 12_345, most=10_000) == {
        "note": ["Keep it under 10,000 characters (it has 12,345)."]
    }


def test_the_numbers_are_written_as_the_reader_writes_them():
    with translation.override("fr"):
        assert refusal("x" * 12_345, most=10_000) == {
            "note": ["Restez sous 10\xa0000 caractères (il y en a 12\xa0345)."]
        }
