"""Partnerships, activities, results and indicator values as CSV, XLSX and JSON.

Records in, bytes or text out, so that views, the API and commands share one
format. Every table is flat (one row a record, relations as text) and loads its
relations in a fixed number of queries, whatever the number of rows.
"""

import csv
import io
import json
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import Participant

SEPARATOR = "; "
# A participant's place: through its organization, or its own country.
PLACES = ("organization__country", "country")


@dataclass(frozen=True)
class Table:
    """The columns of an export and how a record becomes one row of them."""

    name: str
    columns: tuple[str, ...]
    row: Callable[[Any], tuple]
    related: tuple[str, ...] = ()
    prefetched: tuple[str | Prefetch, ...] = ()

    def rows(self, records: Iterable) -> Iterator[tuple]:
        if isinstance(records, QuerySet):
            records = records.select_related(*self.related).prefetch_related(
                *self.prefetched
            )
        return map(self.row, records)


def participant_label(participant: Participant) -> str:
    place = participant.place
    details = ", ".join(filter(None, [participant.role, place.iso3 if place else ""]))
    return f"{participant.display_name} ({details})"


def _participants(participants: Iterable[Participant]) -> str:
    return SEPARATOR.join(participant_label(p) for p in participants)


def _codes(terms: Iterable) -> str:
    return SEPARATOR.join(str(term.code) for term in terms)


def _with_places(relation: str) -> Prefetch:
    return Prefetch(relation, Participant.objects.select_related(*PLACES))


def _partnership(p) -> tuple:
    return (
        str(p.uuid),
        p.title,
        p.description,
        p.origin,
        p.status,
        p.cooperation_type,
        p.started_on,
        p.ended_on,
        p.country.iso3 if p.country else "",
        p.regionally_coordinated,
        _participants(p.participants.all()),
        _codes(p.targets.all()),
    )


def _activity(a) -> tuple:
    lead = a.lead_organization.name if a.lead_organization else a.lead_name
    return (
        str(a.partnership.uuid),
        a.title,
        a.modality.code,
        a.delivery,
        a.held_on,
        lead,
        a.lead_country.iso3 if a.lead_country else "",
        a.lead_is_iplc,
        _codes(a.languages.all()),
        a.in_local_language,
        _codes(a.target_groups.all()),
        a.people_reached,
        sum(row.count for row in a.attendance.all()),
    )


def _attendance(a) -> tuple:
    activity = a.activity
    return (
        str(activity.partnership.uuid),
        activity.title,
        activity.held_on,
        a.stakeholder_type,
        a.role,
        a.gender,
        a.count,
    )


# The columns every result's table starts with, and their values.
RESULT = ("partnership", "title", "dated")


def _result(r) -> tuple:
    return (str(r.partnership.uuid), r.title, r.dated)


def _technology(t) -> tuple:
    return (
        *_result(t),
        t.description,
        _participants(t.co_creators.all()),
        t.local_indigenous_experts,
        t.deployed,
    )


def _publication(p) -> tuple:
    return (*_result(p), p.url, _participants(p.authors.all()))


def _policy(p) -> tuple:
    return (*_result(p), p.level, p.change, p.stage)


def _funding(f) -> tuple:
    return (
        *_result(f),
        participant_label(f.funder),
        f.purpose,
        f.amount,
        f.currency,
        f.rate.per_reporting_unit if f.rate else None,
        f.reporting_amount,
        settings.REPORTING_CURRENCY,
    )


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            name="partnerships",
            columns=(
                "uuid",
                "title",
                "description",
                "origin",
                "status",
                "cooperation_type",
                "started_on",
                "ended_on",
                "country",
                "regionally_coordinated",
                "participants",
                "targets",
            ),
            row=_partnership,
            related=("country",),
            prefetched=(_with_places("participants"), "targets"),
        ),
        Table(
            name="activities",
            columns=(
                "partnership",
                "title",
                "modality",
                "delivery",
                "held_on",
                "lead",
                "lead_country",
                "lead_is_iplc",
                "languages",
                "in_local_language",
                "target_groups",
                "people_reached",
                "attended",
            ),
            row=_activity,
            related=("partnership", "modality", "lead_organization", "lead_country"),
            prefetched=("languages", "target_groups", "attendance"),
        ),
        Table(
            name="attendance",
            columns=(
                "partnership",
                "activity",
                "held_on",
                "stakeholder_type",
                "role",
                "gender",
                "count",
            ),
            row=_attendance,
            related=("activity__partnership",),
        ),
        Table(
            name="technologies",
            columns=(
                *RESULT,
                "description",
                "co_creators",
                "local_indigenous_experts",
                "deployed",
            ),
            row=_technology,
            related=("partnership",),
            prefetched=(_with_places("co_creators"),),
        ),
        Table(
            name="publications",
            columns=(*RESULT, "url", "authors"),
            row=_publication,
            related=("partnership",),
            prefetched=(_with_places("authors"),),
        ),
        Table(
            name="policies",
            columns=(*RESULT, "level", "change", "stage"),
            row=_policy,
            related=("partnership",),
        ),
        Table(
            name="funding",
            columns=(
                *RESULT,
                "funder",
                "purpose",
                "amount",
                "currency",
                "rate",
                "reporting_amount",
                "reporting_currency",
            ),
            row=_funding,
            related=("partnership", "rate", *(f"funder__{p}" for p in PLACES)),
        ),
    )
}


def _table(table: Table | str) -> Table:
    return TABLES[table] if isinstance(table, str) else table


# What a spreadsheet may take for the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel on Windows reads a CSV without a byte-order mark in the local code page,
# garbling every accent; with it, as UTF-8. Other readers skip the mark.
BOM = "\ufeff"


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        # A spreadsheet opening the file must not run typed-in text as a formula.
        return "'" + value
    return str(value)  # dates print as ISO 8601, decimals exactly


def as_csv(table: Table | str, records: Iterable) -> str:
    """The records as CSV text with a byte-order mark and a header row.

    Numbers stay numbers (a negative amount is not quoted); text that a
    spreadsheet would run as a formula starts with an apostrophe.
    """
    table = _table(table)
    out = io.StringIO(BOM)
    out.seek(len(BOM))
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(map(_csv_cell, row) for row in table.rows(records))
    return out.getvalue()


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    if isinstance(value, str):
        # Text stays text: a title starting with "=" is not run as a formula,
        # not even once someone edits the cell (the quote prefix keeps it text).
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        cell.quotePrefix = value.startswith(FORMULA_START)
        return cell
    return WriteOnlyCell(sheet, value)


def as_xlsx(table: Table | str, records: Iterable) -> bytes:
    """The records as a one-sheet workbook, streamed so that memory stays small."""
    table = _table(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name)
    sheet.append(table.columns)
    for row in table.rows(records):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_json(table: Table | str, records: Iterable) -> str:
    """The records as a JSON list of objects; decimals as strings, dates ISO 8601."""
    table = _table(table)
    objects = [
        dict(zip(table.columns, row, strict=True)) for row in table.rows(records)
    ]
    return json.dumps(objects, cls=DjangoJSONEncoder, ensure_ascii=False)


# The formats a table can be downloaded in: their media type and their writer.
FORMATS = {
    "csv": ("text/csv; charset=utf-8", as_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_xlsx,
    ),
    "json": ("application/json", as_json),
}
