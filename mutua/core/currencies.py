"""ISO 4217 currencies, from pycountry: the codes budgets, funding and rates take.

A hand-kept list or a three-letter pattern lets "XYZ" through; pycountry follows
the ISO 4217 maintenance agency's list and names every code.
"""

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .local_names import iso_names

CODES = frozenset(c.alpha_3 for c in pycountry.currencies)


def validate_currency(value: str) -> None:
    """Refuse anything but an ISO 4217 code; an empty value is the field's business."""
    if value and value not in CODES:
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code, such as USD or EUR."),
            code="invalid_currency",
            params={"code": value},
        )


def currency_choices() -> list[tuple[str, str]]:
    """Every code with its name in the active language, by code."""
    names = iso_names("iso4217")
    return [
        (c.alpha_3, f"{c.alpha_3} — {names.gettext(c.name)}")
        for c in sorted(pycountry.currencies, key=lambda c: c.alpha_3)
    ]


class CurrencyField(forms.ChoiceField):
    """A currency picked from the ISO 4217 list; typed codes are read in any case."""

    def __init__(self, *, required: bool = True, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose an ISO 4217 currency from the list.")},
        )
        super().__init__(
            choices=lambda: [("", "—"), *currency_choices()],
            required=required,
            **kwargs,
        )

    def to_python(self, value) -> str:
        return super().to_python(value).strip().upper()
