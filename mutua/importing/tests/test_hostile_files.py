"""Files sent to harm the platform: reading stops at the first limit passed."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from mutua.importing import sheets
from mutua.testing.uploads import ORGANIZATIONS
from mutua.testing.uploads import counts
from mutua.testing.uploads import csv_file
from mutua.testing.uploads import run
from mutua.testing.uploads import upload
from mutua.testing.uploads import xlsx_file

pytestmark = pytest.mark.django_db


def _xlsx_with_sheet_xml(rows, *, dimension: str, more_rows: str) -> bytes:
    """A workbook whose first sheet declares `dimension` and ends with `more_rows`."""
    books = zipfile.ZipFile(io.BytesIO(xlsx_file(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in books.namelist():
            content = books.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = re.sub(
                    r'<dimension ref="\w+:\w+"', f'<dimension ref="{dimension}"', text
                )
                content = text.replace(
                    "</sheetData>", more_rows + "</sheetData>"
                ).encode()
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows the readers yielded before reading stopped."""
    count = [0]

    def counting(reader):
        def rows(data):
            for row in reader(data):
                count[0] += 1
                yield row

        return rows

    monkeypatch.setattr(sheets, "_xlsx_rows", counting(sheets._xlsx_rows))
    monkeypatch.setattr(sheets, "_csv_rows", counting(sheets._csv_rows))
    return count


def test_a_workbook_of_endless_empty_rows_is_refused_once_a_thousand_are_read(
    people, rows_read
):
    data = _xlsx_with_sheet_xml(
        ORGANIZATIONS[:2], dimension="A1:C200002", more_rows="<row/>" * 200_000
    )
    assert len(data) < 10_000
    outcome = run(people.outsider, data, filename="rows.xlsx")
    assert [p.message for p in outcome.problems] == [
        "The file has more than 1,000 empty rows in a row, from row 3: delete them."
    ]
    assert rows_read[0] == 2 + 1001


def test_a_csv_of_20000_columns_is_refused_on_its_first_row(people, rows_read):
    rows = [[f"c{i}" for i in range(20_000)], ["x"] * 20_000]
    outcome = run(people.outsider, csv_file(rows), kind="organizations")
    assert [p.message for p in outcome.problems] == [
        "Row 1 has more than 200 columns: delete the columns the import does not use."
    ]
    assert rows_read[0] == 1


def test_a_workbook_cell_beyond_the_200th_column_is_refused_not_dropped(people):
    book = openpyxl.Workbook()
    book.active.append(ORGANIZATIONS[0])
    book.active.append(ORGANIZATIONS[1])
    book.active.cell(row=3, column=16_384, value="hidden")
    out = io.BytesIO()
    book.save(out)
    outcome = run(people.outsider, out.getvalue(), filename="rows.xlsx")
    assert [p.message for p in outcome.problems] == [
        "Row 3 has more than 200 columns: delete the columns the import does not use."
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_cell_longer_than_excel_allows_is_refused(people, kind):
    if kind == "csv":
        data = csv_file([*ORGANIZATIONS[:2], ["Trust", "MWI", "ngo", "", "x" * 40_000]])
    else:  # openpyxl writes no longer cell, but a workbook may hold one
        long_cell = f'<c r="E3" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c>'
        data = _xlsx_with_sheet_xml(
            ORGANIZATIONS[:2],
            dimension="A1:E3",
            more_rows=f'<row r="3">{long_cell}</row>',
        )
    outcome = run(people.outsider, data, filename=f"rows.{kind}")
    assert [p.message for p in outcome.problems] == [
        "A cell of row 3 holds more than 32,767 characters."
    ]


def test_a_file_of_too_many_rows_stops_being_read_at_the_limit(
    people, rows_read, monkeypatch
):
    monkeypatch.setattr(sheets, "MAX_ROWS_READ", 100)
    rows = [ORGANIZATIONS[0]] + [["Trust", "MWI", "ngo"], []] * 1000
    outcome = run(people.outsider, csv_file(rows))
    assert [p.message for p in outcome.problems] == [
        "The file has more than 100 rows: split it into files of at most 100 rows."
    ]
    assert rows_read[0] == 101


def test_a_workbook_too_large_once_unpacked_is_refused_before_it_is_parsed(
    people, monkeypatch
):
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never reached
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml", bytes(sheets.MAX_UNPACKED_BYTES + 1)
        )
    assert len(out.getvalue()) < 200_000
    outcome = run(people.outsider, out.getvalue(), filename="rows.xlsx")
    assert [p.message for p in outcome.problems] == [
        "The workbook is too large once unpacked: split it."
    ]


def test_a_workbook_row_of_300000_cells_is_refused_before_it_is_parsed(
    people, monkeypatch
):
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never reached
    data = _xlsx_with_sheet_xml(
        ORGANIZATIONS[:2],
        dimension="A1:E3",
        more_rows="<row>" + "<c/>" * 300_000 + "</row>",
    )
    assert len(data) < 10_000
    outcome = run(people.outsider, data, filename="rows.xlsx")
    assert [p.message for p in outcome.problems] == [
        "The workbook has a row too large to read: delete the columns the import "
        "does not use."
    ]


def test_a_workbook_of_too_many_shared_texts_is_refused_before_it_is_parsed(
    people, monkeypatch
):
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never reached
    out = io.BytesIO()
    texts = "".join(
        f"<si><t>{i}</t></si>" for i in range(sheets.MAX_SHARED_STRINGS + 1_000)
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/texts.xml", f"<sst>{texts}</sst>")
    outcome = run(people.outsider, out.getvalue(), filename="rows.xlsx")
    assert [p.message for p in outcome.problems] == [
        "The workbook holds more than 100,000 different texts: split it into "
        "smaller files."
    ]


def test_the_command_prints_why_a_hostile_file_is_refused(people, tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_bytes(csv_file([[f"c{i}" for i in range(20_000)]]))
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import", str(path), "--as", people.member.email)
    assert "Row 1 has more than 200 columns" in capsys.readouterr().err


def test_the_page_shows_why_a_hostile_file_is_refused(client, people):
    client.force_login(people.member)
    wide = csv_file([[f"c{i}" for i in range(20_000)], ["x"] * 20_000])
    response = upload(client, wide, kind="organizations")
    assert response.status_code == 422
    assert "Row 1 has more than 200 columns" in response.content.decode()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.binary(max_size=300)
    | st.lists(
        st.lists(st.text(max_size=12), min_size=3, max_size=4), min_size=1, max_size=4
    ).map(lambda rows: csv_file([ORGANIZATIONS[0][:3], *rows]))
)
def test_no_file_breaks_the_import(people, data):
    before = counts()
    outcome = run(people.outsider, data)
    assert outcome.ok or counts() == before
    assert all(str(p) for p in outcome.problems)
