"""Read a CSV or XLSX file into a header and rows numbered as a spreadsheet shows them.

CSV files are UTF-8, with or without a byte-order mark, and their delimiter
(comma, semicolon or tab) is read from the header row. XLSX workbooks are read
with openpyxl in read-only mode, values only, from their first sheet.

A file sent to harm the platform (a workbook declaring millions of rows, a CSV of
thousands of columns, a zip bomb) is refused as soon as it passes one of the limits
below: they are checked while the rows stream in, never after reading them all.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass

import openpyxl
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# A workbook that unpacks to more than this is refused before it is parsed.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS_READ = 50_000  # empty rows included
MAX_EMPTY_ROWS = 1_000  # in a row
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # as in Excel
# openpyxl builds a whole row in memory before handing it over: a row of millions
# of cells is refused from the tags counted while unzipping, before it is parsed.
MAX_TAGS_IN_A_ROW = 50_000
LAST_ROW_TAG = re.compile(rb".*<(?:\w+:)?row[\s/>]", re.DOTALL)
# openpyxl loads a workbook's list of texts whole when it opens the file (2 million
# short texts: 15 s and 430 MB); 5,000 rows rarely hold 20,000 different texts.
MAX_SHARED_STRINGS = 100_000
SHARED_STRING_TAG = re.compile(rb"<(?:\w+:)?si[\s/>]")
BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
)


class FileProblem(Exception):
    """A file that cannot be read as a table at all."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cell values)


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    """A cell as text, whether it came from a CSV or a typed XLSX cell."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def column_name(value) -> str:
    return as_text(value).lower().replace(" ", "_").replace("-", "_")


Rows = Iterator[tuple[int, Sequence]]


def _looks_binary(data: bytes) -> bool:
    """Documents, images and archives: known signatures, or text-free bytes."""
    head = data[:4096]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return head.startswith(BINARY_SIGNATURES) or controls > len(head) // 20


def _csv_rows(data: bytes) -> Rows:
    if _looks_binary(data):
        raise FileProblem(_("This is not a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _(
                "The file is not UTF-8 text: save the CSV as UTF-8, or upload an "
                "XLSX workbook."
            )
        ) from exc
    if "\x00" in text:  # PostgreSQL stores no NUL in text, and no CSV needs one
        raise FileProblem(_("The file holds null characters: it is not a text CSV."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise FileProblem(
            _("The CSV file is malformed near line %(line)s: %(error)s.")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _refuse_huge_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Count, as a member unzips, the tags of each row from its first row on, and
    the texts of a list of shared texts (whatever the member's name).

    A chunk holds fewer tags than the limit, so only a row running over chunks can
    pass it; a row started in one chunk and ended in the next is counted in part.
    """
    tags = None  # since the last row began
    texts = 0
    with archive.open(name) as member:
        while chunk := member.read(16 * 1024):
            texts += len(SHARED_STRING_TAG.findall(chunk))
            if texts > MAX_SHARED_STRINGS:
                raise FileProblem(
                    _(
                        "The workbook holds more than %(texts)s different texts: "
                        "split it into smaller files."
                    )
                    % {"texts": number_format(MAX_SHARED_STRINGS, force_grouping=True)}
                )
            last = LAST_ROW_TAG.match(chunk)
            if last:
                tags = chunk.count(b"<", last.end())
            elif tags is not None:
                tags += chunk.count(b"<")
            if tags is not None and tags > MAX_TAGS_IN_A_ROW:
                raise FileProblem(
                    _(
                        "The workbook has a row too large to read: delete the "
                        "columns the import does not use."
                    )
                )


def _xlsx_rows(data: bytes) -> Rows:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileProblem(
                    _("The workbook is too large once unpacked: split it.")
                )
            for name in archive.namelist():
                _refuse_huge_parts(archive, name)
    except FileProblem:
        raise
    except Exception as exc:  # the zip directory or a member is damaged
        raise FileProblem(
            _("The XLSX workbook is damaged and cannot be read.")
        ) from exc
    book = None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The size a sheet declares can be anything: read only the cells it holds.
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    # A damaged workbook fails in many ways (zip members, XML, missing parts), and
    # all of them mean the same to the person who sent it.
    except Exception as exc:
        raise FileProblem(_("The file is not a readable XLSX workbook.")) from exc
    finally:
        if book is not None:
            book.close()


def _too_many_rows(limit: int) -> FileProblem:
    return FileProblem(
        _(
            "The file has more than %(rows)s rows: split it into files of "
            "at most %(rows)s rows."
        )
        % {"rows": number_format(limit, force_grouping=True)}
    )


def _within_limits(rows: Rows) -> Rows:
    """Each row without its trailing blank cells, until a row passes a limit."""
    empty = 0
    for number, cells in rows:
        if number > MAX_ROWS_READ:
            raise _too_many_rows(MAX_ROWS_READ)
        row = list(cells)
        while row and blank(row[-1]):
            row.pop()
        empty = 0 if row else empty + 1
        if empty > MAX_EMPTY_ROWS:
            raise FileProblem(
                _(
                    "The file has more than %(rows)s empty rows in a row, from row "
                    "%(row)s: delete them."
                )
                % {
                    "rows": number_format(MAX_EMPTY_ROWS, force_grouping=True),
                    "row": number - MAX_EMPTY_ROWS,
                }
            )
        if len(row) > MAX_COLUMNS:
            raise FileProblem(
                _(
                    "Row %(row)s has more than %(columns)s columns: delete the "
                    "columns the import does not use."
                )
                % {"row": number, "columns": MAX_COLUMNS}
            )
        if any(isinstance(v, str) and len(v) > MAX_CELL_CHARS for v in row):
            raise FileProblem(
                _("A cell of row %(row)s holds more than %(chars)s characters.")
                % {
                    "row": number,
                    "chars": number_format(MAX_CELL_CHARS, force_grouping=True),
                }
            )
        yield number, row


def read_sheet(
    *, data: bytes, filename: str = "", max_rows: int | None = None
) -> Sheet:
    """Read the header and the non-empty rows of a CSV or XLSX file."""
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(_("Old Excel (.xls) files cannot be read: save it as .xlsx."))
    else:
        rows = _csv_rows(data)
    rows = _within_limits(rows)
    first = next(rows, None)
    if first is None or not first[1]:
        raise FileProblem(_("The first row must name the columns."))
    header = [column_name(v) for v in first[1]]
    body = []
    for number, row in rows:
        if not row:
            continue
        if max_rows is not None and len(body) == max_rows:
            raise _too_many_rows(max_rows)
        body.append((number, row))
    if not body:
        raise FileProblem(_("The file has no rows below the header."))
    return Sheet(header=header, rows=body)
