"""A file with bad rows or a bad header: every problem reported with its row and
column, on the page and by the command too, and nothing written."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.testing.uploads import OFFERS
from mutua.testing.uploads import ORGANIZATIONS
from mutua.testing.uploads import REQUESTS
from mutua.testing.uploads import counts
from mutua.testing.uploads import csv_file
from mutua.testing.uploads import run
from mutua.testing.uploads import upload
from mutua.testing.uploads import where
from mutua.testing.uploads import xlsx_file

pytestmark = pytest.mark.django_db


def test_every_bad_row_is_reported_with_its_row_and_column_and_nothing_is_written(
    people,
):
    before = counts()
    header = ["title", "country", "organization", "challenge", "modalities"]
    header += ["start_date"]
    ngo = "Lilongwe Wetlands Trust"
    rows = [
        header,
        ["A valid request", "MWI", ngo, "Loss.", "joint_training", "2026-01-01"],
        ["Unknown country", "XXX", ngo, "Loss.", "", ""],
        ["Unknown modality", "MWI", ngo, "Loss.", "juggling", ""],
        ["", "MWI", ngo, "A missing title.", "", ""],
        ["T" * 201, "MWI", ngo, "Loss.", "", ""],
        ["Bad date", "MWI", ngo, "Loss.", "", "31/12/2026"],
        ["Not mine", "ZAF", "University of Cape Town", "Loss.", "", ""],
        ["Another valid request", "MWI", ngo, "Loss.", "", ""],
    ]
    outcome = run(people.member, csv_file(rows))
    assert where(outcome) == {
        (3, "country"),
        (4, "modalities"),
        (5, "title"),
        (6, "title"),
        (7, "start_date"),
        (8, "organization"),
    }
    messages = {(p.row, p.field): p.message for p in outcome.problems}
    assert "juggling" in messages[4, "modalities"]
    assert messages[6, "title"] == "At most 200 characters (this has 201)."
    assert "may submit requests" in messages[8, "organization"]
    assert outcome.imported == [] and counts() == before


def test_a_bad_workbook_row_is_reported_with_its_spreadsheet_row(people):
    rows = [
        ["title", "country", "challenge", "end_date"],
        ["Fine", "MWI", "Loss.", dt.date(2026, 1, 1)],
        [None, None, None, None],
        ["No challenge", "MWI", None, "soon"],
    ]
    outcome = run(people.focal_point, xlsx_file(rows), filename="rows.xlsx")
    assert where(outcome) == {(4, "challenge"), (4, "end_date")}
    assert Request.objects.count() == 0


def test_a_service_rule_is_reported_against_its_column(people):
    rows = [
        ["title", "country", "challenge", "start_date", "end_date", "budget_amount"],
        ["Backwards", "MWI", "Loss.", "2026-05-01", "2026-01-01", ""],
        ["No currency", "MWI", "Loss.", "", "", "100"],
    ]
    outcome = run(people.focal_point, csv_file(rows))
    assert where(outcome) == {(2, "end_date"), (3, "budget_currency")}


def test_a_currency_outside_iso_4217_is_reported_against_its_column(people):
    rows = [
        ["title", "country", "challenge", "budget_amount", "budget_currency"],
        ["Made-up money", "MWI", "Loss.", "100", "XYZ"],
        ["Kwacha", "MWI", "Loss.", "100", "mwk"],
    ]
    outcome = run(people.focal_point, csv_file(rows))
    assert where(outcome) == {(2, "budget_currency")}


def test_an_outsider_may_not_import_offers_for_an_organization(people):
    outcome = run(people.outsider, csv_file(OFFERS))
    assert where(outcome) == {(2, "organization"), (3, "organization")}
    assert Offer.objects.count() == 0


def test_unknown_columns_are_reported(people):
    rows = [[*ORGANIZATIONS[0], "colour"], [*ORGANIZATIONS[1], "green"]]
    outcome = run(people.outsider, csv_file(rows))
    assert [str(p) for p in outcome.problems] == [
        "File, colour: Unknown column (column F) for organizations."
    ]
    assert Organization.objects.count() == 2


def test_missing_required_columns_are_reported_once(people):
    rows = [["title", "country"]] + [["A need", "MWI"]] * 3
    outcome = run(people.focal_point, csv_file(rows), kind="requests")
    assert [str(p) for p in outcome.problems] == [
        "File, challenge: Required column missing."
    ]


def test_a_header_that_fits_no_kind_asks_for_the_kind(people):
    outcome = run(people.member, csv_file([["colour", "size"], ["green", "L"]]))
    assert outcome.problems[0].row is None
    assert "choose the kind" in outcome.problems[0].message


def test_a_file_over_the_row_limit_is_refused(people):
    rows = [ORGANIZATIONS[0]] + [["Trust", "MWI", "ngo", "", ""]] * 11
    outcome = run(people.outsider, csv_file(rows), max_rows=10)
    assert [p.message for p in outcome.problems] == [
        "The file has more than 10 rows: split it into files of at most 10 rows."
    ]


def _zip_of(name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "rows.csv", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png", "not a CSV or XLSX"),
        (b"PK\x03\x04 broken", "rows.xlsx", "damaged"),
        (_zip_of("notes.txt", b"hello"), "rows.xlsx", "not a readable XLSX"),
        ("name,country\nZoé,MWI\n".encode("latin-1"), "rows.csv", "not UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "rows.xls", ".xls"),
        (b'title,country\n"unclosed,MWI\n' + b"x" * 140_000, "rows.csv", "malformed"),
        (b"name,country,type\n", "rows.csv", "no rows below the header"),
        (b"name,country,type\n" + b"x" * 5000 + b"\x00,MWI,ngo\n", "r.csv", "null"),
    ],
)
def test_a_malformed_file_gets_a_clear_error(people, data, filename, message):
    outcome = run(people.member, data, filename=filename)
    assert len(outcome.problems) == 1 and outcome.problems[0].row is None
    assert message in outcome.problems[0].message


def test_the_page_shows_every_problem_and_writes_nothing(client, people):
    client.force_login(people.member)
    rows = [REQUESTS[0], ["", "XXX", *REQUESTS[1][2:]], REQUESTS[2]]
    response = upload(client, xlsx_file(rows), name="requests.xlsx")
    assert response.status_code == 422
    page = response.content.decode()
    assert "2 problems found: nothing was imported" in page
    assert "Nothing at all was written." in page
    assert "<td>2</td><td>country</td>" in page and "Unknown country: XXX." in page
    assert Request.objects.count() == 0


def test_the_page_rejects_a_file_that_is_not_a_spreadsheet(client, people):
    client.force_login(people.member)
    response = upload(client, b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n1 0 obj", name="a.pdf")
    assert response.status_code == 422
    assert "This is not a CSV or XLSX file." in response.content.decode()


def test_the_command_prints_every_problem_and_exits_non_zero(people, tmp_path, capsys):
    path = tmp_path / "requests.xlsx"
    rows = [REQUESTS[0], REQUESTS[1], ["", "XXX", *REQUESTS[2][2:]]]
    path.write_bytes(xlsx_file(rows))
    with pytest.raises(CommandError) as error:
        call_command("import", str(path), "--as", people.member.email)
    assert error.value.returncode == 1
    assert "Nothing was imported: 2 problem(s) found." in str(error.value)
    printed = capsys.readouterr().err
    assert "Row 3, title: Required." in printed and "Row 3, country:" in printed
    assert Request.objects.count() == 0
