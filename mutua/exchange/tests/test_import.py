import datetime as dt
import io
import re
import uuid
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutua.directory.models import Membership, Organization
from mutua.exchange import importer, sheets
from mutua.exchange.models import Offer, Request, Transition
from mutua.testing.uploads import REQUESTS, csv_file, upload

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate() + dt.timedelta(days=365)

ORGANIZATIONS = [
    ["name", "country", "type", "website", "description"],
    ["Nyika Highlands Trust", "MWI", "ngo", "https://nyika.example.org", "Grasslands."],
    ["Zomba Herbarium", "mwi", "Academic", "", ""],
]
OFFERS = [
    ["title", "organization", "description", "targets", "modalities", "languages"]
    + ["serves", "eligibility", "capacity", "covers_operational_costs"]
    + ["valid_until"],
    ["Barcoding course", "University of Cape Town", "Two weeks of lab work.", "4"]
    + ["joint_training", "en", "014;MWI", "LDC;sids", "3", "true"]
    + [NEXT_YEAR.isoformat()],
    ["Taxonomy mentoring", "University of Cape Town", "Remote mentoring.", ""]
    + ["", "", "*", "", "", "", NEXT_YEAR.isoformat()],
]


def xlsx_file(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(user, data, *, filename="rows.csv", **options) -> importer.Outcome:
    return importer.import_file(by=user, data=data, filename=filename, **options)


def where(outcome) -> set[tuple[int | None, str]]:
    return {(p.row, p.field) for p in outcome.problems}


def counts() -> tuple[int, ...]:
    return (
        Organization.objects.count(),
        Membership.objects.count(),
        Request.objects.count(),
        Offer.objects.count(),
        Transition.objects.count(),
    )


# Valid files -----------------------------------------------------------------------


def test_a_csv_of_organizations_imports_every_row_with_its_importer_as_admin(people):
    outcome = run(people.outsider, csv_file(ORGANIZATIONS))
    assert outcome.ok and outcome.kind == "organizations" and outcome.created == 2
    herbarium = Organization.objects.get(name="Zomba Herbarium")
    assert herbarium.country == people.malawi and herbarium.type == "academic"
    assert Membership.objects.get(organization=herbarium).user == people.outsider


def test_a_csv_of_requests_imports_every_row_with_its_lists_dates_and_flags(people):
    outcome = run(people.member, csv_file(REQUESTS))
    assert outcome.ok and outcome.kind == "requests" and outcome.created == 2
    request = Request.objects.get(title="Barcoding of cichlids")
    assert request.organization == people.ngo and request.status == "draft"
    assert sorted(request.targets.values_list("number", flat=True)) == [4, 20]
    assert set(request.modalities.values_list("code", flat=True)) == {
        "joint_training",
        "networking",
    }
    assert list(request.languages.order_by("code").values_list("code", flat=True)) == [
        "en",
        "fr",
    ]
    assert request.beneficiaries == ["iplc", "youth"] and request.level == "subnational"
    assert str(request.budget_amount) == "15000.50" and request.budget_currency == "USD"
    assert request.start_date == dt.date(2026, 3, 1) and request.touches_iplc_lands
    assert Request.objects.get(title="Wetland mapping").level == "national"


def test_a_csv_of_offers_imports_every_row_with_where_it_serves(people):
    outcome = run(people.provider, csv_file(OFFERS))
    assert outcome.ok and outcome.kind == "offers" and outcome.created == 2
    offer = Offer.objects.get(title="Barcoding course")
    assert offer.country == people.south_africa and offer.capacity == 3
    assert not offer.serves_everywhere and offer.eligibility == ["LDC", "SIDS"]
    assert list(offer.serves_regions.values_list("code", flat=True)) == ["014"]
    assert list(offer.serves_countries.all()) == [people.malawi]
    assert offer.covers_operational_costs and offer.valid_until == NEXT_YEAR
    assert Offer.objects.get(title="Taxonomy mentoring").serves_everywhere


def test_a_semicolon_csv_with_a_byte_order_mark_and_spelled_out_header_is_read(
    people,
):
    rows = [["Name", " Country", "TYPE", "Website", "Description"], *ORGANIZATIONS[1:]]
    outcome = run(people.outsider, csv_file(rows, delimiter=";", bom=True))
    assert outcome.ok and outcome.created == 2


@pytest.mark.parametrize(
    ("kind", "persona", "rows"),
    [
        (
            "organizations",
            "outsider",
            [["name", "country", "type"], ["Likoma Reef Watch", "MWI", "grassroots"]],
        ),
        (
            "requests",
            "focal_point",
            [
                [
                    "title",
                    "country",
                    "challenge",
                    "targets",
                    "start_date",
                    "budget_amount",
                ]
                + ["budget_currency", "touches_iplc_lands"],
                ["Seed banking", "MWI", "Seeds are lost.", 20, dt.date(2026, 5, 1)]
                + [2500, "EUR", "Yes"],
            ],
        ),
        (
            "offers",
            "provider",
            [
                ["title", "organization", "description", "capacity", "serves"]
                + ["valid_until"],
                ["Drone mapping", "University of Cape Town", "Surveys.", 4.0, 2]
                + [dt.datetime.combine(NEXT_YEAR, dt.time())],
            ],
        ),
    ],
)
def test_a_workbook_of_each_kind_imports_with_its_typed_cells(
    people, kind, persona, rows
):
    outcome = run(getattr(people, persona), xlsx_file(rows), filename="rows.xlsx")
    assert outcome.ok, outcome.problems
    assert outcome.kind == kind and outcome.created == 1
    record = outcome.imported[0].record
    if kind == "requests":
        assert record.start_date == dt.date(2026, 5, 1)
        assert record.touches_iplc_lands == "yes"
        assert (
            record.budget_amount == 2500 and list(record.targets.all())[0].number == 20
        )
    if kind == "offers":
        assert record.capacity == 4 and record.valid_until == NEXT_YEAR
        assert list(record.serves_regions.values_list("code", flat=True)) == ["002"]


@pytest.mark.parametrize("kind", importer.KINDS)
def test_each_template_downloads_and_imports_as_it_is(client, people, kind):
    response = client.get(f"/import/template/{kind}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [c.name for c in importer.COLUMNS[kind]]
    outcome = run(people.secretariat, response.content)
    assert outcome.ok, outcome.problems
    assert outcome.kind == kind and outcome.created == 1


def test_an_unknown_template_is_not_found(client):
    assert client.get("/import/template/partnerships.csv").status_code == 404


def test_publish_submits_requests_and_publishes_offers(people):
    run(people.member, csv_file(REQUESTS), publish=True)
    assert set(Request.objects.values_list("status", flat=True)) == {"submitted"}
    run(people.provider, csv_file(OFFERS), publish=True)
    offer = Offer.objects.get(title="Barcoding course")
    assert offer.status == "published" and offer.published_at is not None


def test_a_focal_point_imports_requests_for_its_country_without_an_organization(
    people,
):
    rows = [
        ["title", "country", "challenge", "touches_iplc_lands"],
        ["Seed banking", "Malawi", "Loss.", "unknown"],
    ]
    outcome = run(people.focal_point, csv_file(rows), publish=True)
    assert outcome.ok
    assert Request.objects.get().status == "under_review"


def test_submitting_on_import_needs_the_akwe_kon_answer_but_a_draft_does_not(
    people,
):
    rows = [["title", "country", "challenge"], ["Seed banking", "Malawi", "Loss."]]
    outcome = run(people.focal_point, csv_file(rows), publish=True)
    assert [(p.row, p.field) for p in outcome.problems] == [(2, "touches_iplc_lands")]
    assert "yes, no or not known" in outcome.problems[0].message
    assert not Request.objects.exists()
    outcome = run(people.focal_point, csv_file(rows))
    assert outcome.ok and Request.objects.get().touches_iplc_lands == ""
    rows = [["title", "country", "challenge", "touches_iplc_lands"]]
    outcome = run(people.focal_point, csv_file([*rows, ["A", "MWI", "B", "maybe"]]))
    assert outcome.problems[0].field == "touches_iplc_lands"
    assert "Use one of: yes, no, unknown" in outcome.problems[0].message


def test_an_organization_named_alike_in_two_countries_is_told_apart_by_country(people):
    for country in (people.malawi, people.south_africa):
        Organization.objects.create(name="Ministry of Environment", country=country)
    rows = [
        ["title", "country", "organization", "challenge"],
        ["Seed banking", "MWI", "Ministry of Environment", "Loss."],
    ]
    outcome = run(people.focal_point, csv_file(rows))
    assert outcome.ok
    assert Request.objects.get().organization.country == people.malawi


# Bad files and bad rows ---------------------------------------------------------------


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


# Hostile files: reading stops at the first limit passed -------------------------


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


# Idempotence --------------------------------------------------------------------------


def test_importing_again_with_the_same_uuids_does_not_duplicate(people):
    ids = [str(uuid.uuid4()), str(uuid.uuid4())]
    rows = [[*OFFERS[0], "uuid"], [*OFFERS[1], ids[0]], [*OFFERS[2], ids[1]]]
    first = run(people.provider, csv_file(rows), publish=True)
    assert first.ok and first.created == 2
    before = counts()
    again = run(people.provider, csv_file(rows), publish=True)
    assert again.ok and again.created == 0 and again.existing == 2
    assert counts() == before
    assert {str(u) for u in Offer.objects.values_list("uuid", flat=True)} == set(ids)


def test_a_uuid_of_someone_elses_request_is_refused(people):
    taken = str(uuid.uuid4())
    rows = [["title", "country", "challenge", "uuid"], ["Seeds", "MWI", "Loss.", taken]]
    assert run(people.focal_point, csv_file(rows)).ok
    outcome = run(people.secretariat, csv_file(rows))
    assert where(outcome) == {(2, "uuid")}


# The command ------------------------------------------------------------------------


def test_the_command_imports_as_the_named_user(people, tmp_path, capsys):
    path = tmp_path / "requests.csv"
    path.write_bytes(csv_file(REQUESTS))
    call_command("import", str(path), "--as", "MEMBER@example.org", "--publish")
    assert "2 requests imported." in capsys.readouterr().out
    assert set(Request.objects.values_list("created_by", flat=True)) == {
        people.member.pk
    }


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


def test_the_command_refuses_an_unknown_user_and_a_missing_file(people, tmp_path):
    with pytest.raises(CommandError, match="No single active user"):
        call_command("import", str(tmp_path / "x.csv"), "--as", "nobody@example.org")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", str(tmp_path / "x.csv"), "--as", people.member.email)


# The page ---------------------------------------------------------------------------


def test_the_page_refuses_anonymous_users(client, people):
    assert client.get("/import/").url.startswith("/accounts/login/")
    assert client.get("/import/done/").url.startswith("/accounts/login/")
    response = upload(client, csv_file(ORGANIZATIONS))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert Organization.objects.count() == 2


def test_the_pages_refuse_other_methods(client, people):
    client.force_login(people.member)
    assert client.put("/import/").status_code == 405
    assert client.post("/import/done/").status_code == 405
    assert client.post("/import/template/offers.csv").status_code == 405


def test_the_page_offers_a_form_and_the_templates(client, people):
    client.force_login(people.member)
    page = client.get("/import/").content.decode()
    assert 'enctype="multipart/form-data"' in page and '<label for="id_file"' in page
    assert "/import/template/offers.csv" in page


def test_the_page_imports_a_valid_file_and_shows_what_it_wrote_once(client, people):
    client.force_login(people.member)
    response = upload(client, csv_file(REQUESTS), kind="requests")
    assert response.status_code == 302 and response.url == "/import/done/"
    page = client.get("/import/done/").content.decode()
    assert "2 rows imported." in page and "Barcoding of cichlids" in page
    assert client.get("/import/done/").url == "/import/"
    assert Request.objects.count() == 2


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


def test_the_page_refuses_a_file_over_5_mb(client, people):
    client.force_login(people.member)
    response = upload(client, b"a" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()


def test_the_page_refuses_more_than_5000_rows(client, people):
    client.force_login(people.outsider)
    rows = [["name", "country", "type"]] + [["Trust", "MWI", "ngo"]] * 5001
    response = upload(client, csv_file(rows))
    assert response.status_code == 422
    assert "more than 5,000 rows" in response.content.decode()


def test_the_page_refuses_an_unknown_kind(client, people):
    client.force_login(people.member)
    response = upload(client, csv_file(REQUESTS), kind="partnerships")
    assert response.status_code == 400 and Request.objects.count() == 0


def test_a_currency_outside_iso_4217_is_reported_against_its_column(people):
    rows = [
        ["title", "country", "challenge", "budget_amount", "budget_currency"],
        ["Made-up money", "MWI", "Loss.", "100", "XYZ"],
        ["Kwacha", "MWI", "Loss.", "100", "mwk"],
    ]
    outcome = run(people.focal_point, csv_file(rows))
    assert where(outcome) == {(2, "budget_currency")}


def test_where_an_offer_serves_is_imported_as_a_limit_or_a_preference(people):
    header = ["title", "organization", "description", "serves", "serves_as"]
    header += ["valid_until"]
    org, until = "University of Cape Town", NEXT_YEAR.isoformat()
    rows = [
        header,
        ["Limited", org, "Lab work.", "MWI", "limit", until],
        ["Preferred", org, "Lab work.", "MWI", "", until],
        ["Unsure", org, "Lab work.", "MWI", "sometimes", until],
    ]
    outcome = run(people.provider, csv_file(rows))
    assert where(outcome) == {(4, "serves_as")}
    assert "sometimes" in outcome.problems[0].message
    outcome = run(people.provider, csv_file(rows[:3]))
    assert outcome.ok
    assert Offer.objects.get(title="Limited").serves_as == Offer.Serves.LIMIT
    assert Offer.objects.get(title="Preferred").serves_as == Offer.Serves.PREFERENCE


# What writing at once keeps -----------------------------------------------------------


def test_an_import_keeps_each_records_history_search_text_and_follow_ups(
    people, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from mutua.exchange.duplicates import flag_duplicates
    from mutua.matching.ranking import refresh_all_suggestions
    from mutua.monitoring.models import Use

    rows = [["title", "country", "challenge", "touches_iplc_lands", "targets"]]
    rows += [["Seed banking of maize", "MWI", "Seed loss in maize.", "no", "4"]] * 2
    with django_capture_on_commit_callbacks(execute=True):
        assert run(people.focal_point, csv_file(rows), publish=True).ok
    requests = list(Request.objects.order_by("pk"))
    for request in requests:
        steps = list(
            request.transitions.values_list("action", "from_status", "to_status")
        )
        assert steps == [("create", "", "draft"), ("submit", "draft", "under_review")]
        assert request.endorsed_by == people.focal_point and request.status_changed_at
        assert "maize" in request.search_text and request.targets.count() == 1
    assert Use.objects.filter(kind=Use.Kind.SUBMISSION).count() == 2
    queued = DBTaskResult.objects.get(task_path=flag_duplicates.module_path)
    assert sorted(queued.args_kwargs["kwargs"]["request_ids"]) == [
        r.pk for r in requests
    ]
    flag_duplicates.call(request_ids=[r.pk for r in requests])
    assert list(requests[0].possible_duplicates.all()) == [requests[1]]

    with django_capture_on_commit_callbacks(execute=True):
        assert run(people.provider, csv_file(OFFERS), publish=True).ok
    offer = Offer.objects.get(title="Barcoding course")
    assert list(offer.transitions.values_list("action", flat=True)) == [
        "create",
        "publish",
    ]
    assert offer.serves_countries.get() == people.malawi
    waiting = DBTaskResult.objects.filter(task_path=refresh_all_suggestions.module_path)
    assert waiting.count() == 1


def test_the_same_organization_twice_in_a_file_is_reported_not_written(people):
    rows = [ORGANIZATIONS[0], ORGANIZATIONS[1], ORGANIZATIONS[2], ORGANIZATIONS[1]]
    outcome = run(people.outsider, csv_file(rows))
    assert where(outcome) == {(4, "name")}
    assert "Row 2 names the same organization." in outcome.problems[0].message
    assert Organization.objects.filter(name="Nyika Highlands Trust").count() == 0


def test_the_same_uuid_twice_in_a_file_is_one_record(people):
    same = str(uuid.uuid4())
    rows = [[*OFFERS[0], "uuid"], [*OFFERS[1], same], [*OFFERS[1], same]]
    outcome = run(people.provider, csv_file(rows))
    assert outcome.ok and (outcome.created, outcome.existing) == (1, 1)
    assert Offer.objects.get().uuid == uuid.UUID(same)
