"""Bulk import of organizations, requests and offers from CSV or XLSX files.

Every row goes through the same rules as the pages, acting as the importing
user, so the web's permissions hold. Every bad row is reported with its
spreadsheet row number (the header is row 1) and its column; all problems of a
file are reported at once, and nothing at all is written unless the whole file
is valid.

An import runs in two phases so that a long file does not stop everyone else:
`check` reads the file and applies the services' rules to every row without
writing (no write lock is held, however long it takes), and only if every row
is valid does `write` insert them all in one short transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from django.contrib.auth.models import User
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.directory import services as directory_services
from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.services.bulk import records_write
from mutua.exchange.services.listings import listing_prepare
from mutua.exchange.services.records import Prepared
from mutua.exchange.services.requests import request_prepare

from . import cells
from .columns import COLUMNS
from .columns import KIND_NAMES
from .columns import KINDS
from .columns import Column
from .columns import infer_kind
from .sheets import FileProblem
from .sheets import Sheet
from .sheets import blank
from .sheets import read_sheet


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet row (the header is 1); None for the file
    field: str
    message: str

    def __str__(self) -> str:
        where = "File" if self.row is None else f"Row {self.row}"
        return f"{where}{f', {self.field}' if self.field else ''}: {self.message}"


@dataclass(frozen=True)
class Imported:
    row: int
    record: Model
    created: bool  # False when a record with the row's uuid was already there


@dataclass
class Outcome:
    kind: str
    problems: list[Problem] = field(default_factory=list)
    imported: list[Imported] = field(default_factory=list)
    # What `check` prepared and `write` writes.
    pending: list[Prepared] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def created(self) -> int:
        return sum(1 for i in self.imported if i.created)

    @property
    def existing(self) -> int:
        return len(self.imported) - self.created


MODELS: dict[str, type[Model]] = {
    "organizations": Organization,
    "requests": Request,
    "offers": Offer,
}
# Service errors name model fields; the file names these columns instead.
COLUMN_OF_FIELD = {
    "serves_everywhere": "serves",
    "serves_regions": "serves",
    "serves_countries": "serves",
    "__all__": "",
}


def _check_header(header: list[str], kind: str) -> tuple[list[Problem], bool]:
    """Problems of the header row, and whether rows can be read at all."""
    known = {c.name for c in COLUMNS[kind]}
    problems, fatal = [], False
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        if not name:
            problems.append(
                Problem(
                    None,
                    "",
                    _("Column %(letter)s has no name: name it or delete it.")
                    % {"letter": letter},
                )
            )
        elif name not in known:
            problems.append(
                Problem(
                    None,
                    name,
                    _("Unknown column (column %(letter)s) for %(kind)s.")
                    % {"letter": letter, "kind": KIND_NAMES[kind]},
                )
            )
        elif header.index(name) != index - 1:
            problems.append(Problem(None, name, _("This column appears twice.")))
            fatal = True
    for column in COLUMNS[kind]:
        if column.required and column.name not in header:
            problems.append(Problem(None, column.name, _("Required column missing.")))
            fatal = True
    if kind == "offers" and not {"organization", "country"} & set(header):
        problems.append(
            Problem(
                None, "organization", _("Give an organization or a country column.")
            )
        )
        fatal = True
    return problems, fatal


def _convert(
    columns: list[Column], header: list[str], values: list, lookups: cells.Lookups
) -> tuple[dict, list[tuple[str, str]]]:
    """The keyword arguments of a row for its service, and the errors of its cells."""
    by_name = {name: v for name, v in zip(header, values, strict=False) if name}
    parsed, errors = {}, []
    if any(not blank(v) for v in values[len(header) :]):
        errors.append(("", _("A value lies beyond the last named column.")))
    for column in columns:
        value = by_name.get(column.name)
        if blank(value):
            if column.required:
                errors.append((column.name, _("Required.")))
            continue
        try:
            parsed[column.name] = column.parse(value, lookups, parsed)
        except cells.CellError as exc:
            errors.append((column.name, str(exc)))
    return parsed, errors


# Checking ------------------------------------------------------------------------

# How often `check` reports its progress, in rows.
PROGRESS_EVERY = 100


def _prepare_organization(*, by: User, values: dict, publish: bool) -> Prepared:
    organization, created = directory_services.organization_prepare(by=by, **values)
    return Prepared(organization, created=created)


def _prepare_request(*, by: User, values: dict, publish: bool) -> Prepared:
    return request_prepare(by=by, submit=publish, **values)


def _prepare_offer(*, by: User, values: dict, publish: bool) -> Prepared:
    values.update(values.pop("serves", {}))
    organization = values.pop("organization", None)
    return listing_prepare(
        Offer, by=by, publish=publish, organization=organization, **values
    )


PREPARERS = {
    "organizations": _prepare_organization,
    "requests": _prepare_request,
    "offers": _prepare_offer,
}


def _errors_of(exc: ValidationError) -> list[tuple[str, str]]:
    if not hasattr(exc, "error_dict"):
        return [("", message) for message in exc.messages]
    return [
        (COLUMN_OF_FIELD.get(name, name), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def _prepare_row(
    kind: str, *, by: User, values: dict, publish: bool
) -> tuple[Prepared | None, list[tuple[str, str]]]:
    try:
        prepared = PREPARERS[kind](by=by, values=dict(values), publish=publish)
    except ValidationError as exc:
        return None, _errors_of(exc)
    except PermissionDenied as exc:
        where = "organization" if values.get("organization") else "country"
        return None, [("" if kind == "organizations" else where, str(exc))]
    return prepared, []


def read(
    *, data: bytes, filename: str = "", kind: str | None, max_rows: int | None
) -> tuple[Sheet | None, Outcome]:
    """The file's rows and the problems of its header; no rows when none can be read."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"Unknown kind: {kind}")
    try:
        sheet = read_sheet(data=data, filename=filename, max_rows=max_rows)
        kind = kind or infer_kind(sheet.header)
    except FileProblem as exc:
        return None, Outcome(kind=kind or "", problems=[Problem(None, "", str(exc))])
    problems, fatal = _check_header(sheet.header, kind)
    return (None if fatal else sheet), Outcome(kind=kind, problems=problems)


def check(
    sheet: Sheet,
    outcome: Outcome,
    *,
    by: User,
    publish: bool,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Apply the rules to every row and prepare its record, writing nothing.

    Records already imported under a row's uuid are counted, not written again.
    `progress` hears how many rows were checked, every `PROGRESS_EVERY` rows.
    """
    kind = outcome.kind
    lookups = cells.Lookups()
    by_uuid: dict = {}
    # Organizations are unique by name and country: checked against the database
    # row by row, this must also hold between rows, none of them written yet.
    named: dict[tuple, int] = {}
    for done, (number, row) in enumerate(sheet.rows, start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
        values, errors = _convert(COLUMNS[kind], sheet.header, row, lookups)
        if not errors and values.get("uuid") in by_uuid:
            # The same record twice in one file: imported once.
            record = by_uuid[values["uuid"]].record
            outcome.imported.append(Imported(row=number, record=record, created=False))
            continue
        if not errors:
            prepared, errors = _prepare_row(kind, by=by, values=values, publish=publish)
        if not errors and kind == "organizations" and prepared.created:
            key = (prepared.record.name, prepared.record.country_id)
            if key in named:
                message = _("Row %(row)s names the same organization.")
                errors = [("name", message % {"row": named[key]})]
            named.setdefault(key, number)
        if not errors:
            if values.get("uuid"):
                by_uuid[values["uuid"]] = prepared
            outcome.pending.append(prepared)
            outcome.imported.append(
                Imported(row=number, record=prepared.record, created=prepared.created)
            )
        outcome.problems += [Problem(number, f, m) for f, m in errors]
    if outcome.problems:
        outcome.imported.clear()
        outcome.pending.clear()
    return outcome


# Writing -------------------------------------------------------------------------


def write(outcome: Outcome, *, by: User) -> Outcome:
    """Write what `check` prepared in one transaction: all of it, or nothing.

    A record written by someone else between the check and the write (the same
    uuid, the same organization) makes it fail whole, with a problem saying so.
    """
    new = [p for p in outcome.pending if p.created]
    try:
        with transaction.atomic():
            if outcome.kind == "organizations":
                directory_services.organizations_write(
                    by=by, organizations=[p.record for p in new]
                )
            else:
                records_write(MODELS[outcome.kind], new)
    except IntegrityError:
        outcome.imported.clear()
        outcome.problems.append(
            Problem(
                None,
                "",
                _(
                    "Some of these records were saved by someone else while the "
                    "file was checked. Nothing was imported: upload it again."
                ),
            )
        )
    finally:
        # Memberships created and then rolled back must not linger in the cache.
        directory.forget_roles(by)
    outcome.pending.clear()
    return outcome


def import_file(
    *,
    by: User,
    data: bytes,
    filename: str = "",
    kind: str | None = None,
    publish: bool = False,
    max_rows: int | None = None,
) -> Outcome:
    """Import every row of a file as `by`, or nothing at all if any row is bad.

    With `publish`, new offers are published and new requests submitted.
    """
    sheet, outcome = read(data=data, filename=filename, kind=kind, max_rows=max_rows)
    if sheet is None:
        return outcome
    check(sheet, outcome, by=by, publish=publish)
    return write(outcome, by=by) if outcome.ok else outcome
