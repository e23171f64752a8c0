"""Presentation of exchange records: sections of fields, statuses, action names."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.db import models
from django.urls import NoReverseMatch
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mutua.directory.models import ELIGIBILITY_CHOICES
from mutua.exchange import lifecycle
from mutua.exchange.forms import FORMS
from mutua.exchange.models import Beneficiary

register = template.Library()

CHOICE_LISTS = {
    "beneficiaries": dict(Beneficiary.choices),
    "eligibility": dict(ELIGIBILITY_CHOICES),
}
CURRENCY_OF = {"budget_amount": "budget_currency", "amount": "currency"}
CONTACT_FIELDS = ("contact_name", "contact_email")


@dataclass
class Row:
    label: str
    value: Any  # None when not given
    kind: str = "plain"  # plain, text, list, link, email, url, date, withheld
    url: str = ""


def url_of(obj) -> str:
    """The page of a related record, or "" while that page does not exist."""
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def _row(record, name: str, label: str) -> Row:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if isinstance(field, models.ManyToManyField):
        items = list(value.all())
        if name == "targets":
            items = [
                _("Target %(number)s — %(title)s")
                % {"number": t.number, "title": t.local_short_title}
                for t in items
            ]
        return Row(label, [str(i) for i in items] or None, "list")
    if name in CHOICE_LISTS:
        labels = [str(CHOICE_LISTS[name].get(v, v)) for v in value or []]
        return Row(label, labels or None, "list")
    if isinstance(field, models.BooleanField):
        return Row(label, _("Yes") if value else _("No"))
    if isinstance(field, models.ForeignKey):
        return Row(label, value, "link", url_of(value) if value else "")
    if field.choices:
        return Row(label, getattr(record, f"get_{name}_display")() or None)
    if name == "capacity" and hasattr(record, "places_left"):
        return Row(
            label,
            _("%(capacity)d, %(left)d left")
            % {"capacity": value, "left": record.places_left()},
        )
    if name in CURRENCY_OF and value is not None:
        amount = number_format(value, 2, force_grouping=True)
        return Row(label, f"{amount} {getattr(record, CURRENCY_OF[name])}".strip())
    kind = {
        models.DateField: "date",
        models.EmailField: "email",
        models.URLField: "url",
        models.TextField: "text",
    }.get(type(field), "plain")
    return Row(label, value if value not in ("", None) else None, kind)


def _withheld_contacts(named: list[tuple[str, Row]]) -> list[Row]:
    """The rows, the contact details given turned into one row saying how to see them."""
    rows: list[Row] = []
    for name, row in named:
        if name not in CONTACT_FIELDS or row.value is None:
            rows.append(row)
        elif not any(r.kind == "withheld" for r in rows):
            rows.append(Row(_("Contact"), "", "withheld"))
    return rows


@register.simple_tag
def record_sections(record, contacts: bool) -> list[tuple[str, list[Row], list[str]]]:
    """Every field of the record, grouped and labelled as on its form.

    Each section gives the rows with a value, then the labels of those without,
    so a phone shows what is missing in one line rather than a row each. Unless
    `contacts` (see `access.may_see_contact`), the contact person and e-mail
    give way to one row that asks the reader to log in.
    """
    form_class = FORMS[type(record)]
    labels = form_class.base_fields
    skip = {"title", *CURRENCY_OF.values()}
    sections = []
    for legend, names in form_class.sections:
        named = [(n, _row(record, n, labels[n].label)) for n in names if n not in skip]
        if contacts:
            rows = [row for _name, row in named]
        else:
            rows = _withheld_contacts(named)
        given = [row for row in rows if row.value is not None]
        missing = [str(row.label) for row in rows if row.value is None]
        sections.append((legend, given, missing))
    return sections


@register.filter
def status_name(code: str, record) -> str:
    """The label of one of the record's statuses."""
    if not code:
        return "—"
    return dict(type(record).Status.choices).get(code, code)


@register.filter
def step_label(code: str) -> str:
    return lifecycle.step_label(code)


@register.filter
def page_url(obj) -> str:
    return url_of(obj)
