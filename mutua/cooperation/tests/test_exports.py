"""Exports of partnerships, activities, results and indicator values."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from mutua.cooperation import exports
from mutua.cooperation import services
from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Publication
from mutua.cooperation.models import Technology
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import TargetGroup
from mutua.monitoring import selectors
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db
CHILD_TABLES = ["activities", "technologies", "publications", "policies", "funding"]
MODELS = {
    "partnerships": Partnership,
    "activities": Activity,
    "technologies": Technology,
    "publications": Publication,
    "policies": Policy,
    "funding": FundingFlow,
    "attendance": Attendance,
}


def add(people, partnership, kind: str, **fields):
    return services.record_add(
        partnership=partnership, by=people.secretariat, kind=kind, **fields
    )


@pytest.fixture
def world(people):
    """A partnership of 2026 with one record of every kind."""
    partnership = entered(people, targets=[GbfTarget.objects.get(number=20)])
    ngo, university = partnership.participants.order_by("role")
    activity = add(
        people,
        partnership,
        "activity",
        title="=1+1 drone mapping",  # looks like a formula to a spreadsheet
        modality=Modality.objects.get(code="joint_training"),
        delivery="face_to_face",
        held_on=dt.date(2026, 4, 2),
        lead_organization=people.university,
        languages=[Language.objects.get(code="en"), Language.objects.get(code="ny")],
        in_local_language=True,
        target_groups=[TargetGroup.objects.get(code="grassroots")],
        people_reached=40,
    )
    services.attendance_set(
        activity=activity,
        by=people.secretariat,
        rows=[
            {"stakeholder_type": "iplc", "role": "local_expert", "gender": "woman"}
            | {"count": 12},
            {"stakeholder_type": "ngo", "role": "practitioner", "gender": "man"}
            | {"count": 5},
        ],
    )
    add(
        people,
        partnership,
        "technology",
        title="Drone survey kit",
        dated=dt.date(2026, 9, 1),
        co_creators=[ngo, university],
        local_indigenous_experts=3,
        deployed=True,
    )
    add(
        people,
        partnership,
        "publication",
        title="Counting waterbirds from the air",
        dated=dt.date(2026, 10, 1),
        url="https://example.org/waterbirds",
        authors=[university],
    )
    add(
        people,
        partnership,
        "policy",
        title="Wetland bylaw",
        dated=dt.date(2026, 8, 1),
        level="local",
        change="developed",
        stage="adopted",
    )
    services.exchange_rate_set(
        by=people.secretariat,
        currency="EUR",
        valid_from=dt.date(2026, 1, 1),
        per_reporting_unit=Decimal("0.8"),
        source="Illustrative",
    )
    add(
        people,
        partnership,
        "funding",
        title="Travel grant",
        dated=dt.date(2026, 7, 1),
        amount=Decimal("1000.50"),
        currency="EUR",
        purpose="travel",
        funder=university,
    )
    return partnership


def read_csv(text: str) -> list[dict]:
    assert text.startswith(exports.BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(exports.BOM))))


def test_a_partnership_row_is_flat_with_its_participants_and_targets(world):
    text = exports.as_csv("partnerships", Partnership.objects.all())
    header = text.removeprefix(exports.BOM).splitlines()[0].split(",")
    assert header == list(exports.TABLES["partnerships"].columns)
    [row] = read_csv(text)
    assert row["uuid"] == str(world.uuid)
    assert row["title"] == "Wetland monitoring with drones"
    assert row["participants"] == (
        "Lilongwe Wetlands Trust (beneficiary, MWI); "
        "University of Cape Town (provider, ZAF)"
    )
    assert row["targets"] == "20"
    assert row["started_on"] == "2026-03-01" and row["ended_on"] == ""
    assert row["country"] == "MWI" and row["cooperation_type"] == "south_south"
    assert row["regionally_coordinated"] == "false"


@pytest.mark.parametrize("name", CHILD_TABLES)
def test_every_child_row_names_its_partnership(world, name):
    rows = read_csv(exports.as_csv(name, MODELS[name].objects.all()))
    assert len(rows) == 1
    assert rows[0]["partnership"] == str(world.uuid)


def test_an_activity_row_joins_its_codes_and_counts_its_attendance(world):
    [row] = read_csv(exports.as_csv("activities", Activity.objects.all()))
    assert row["modality"] == "joint_training" and row["held_on"] == "2026-04-02"
    assert row["lead"] == "University of Cape Town" and row["lead_country"] == "ZAF"
    assert row["languages"] == "ny; en"  # by name: Chichewa, English
    assert row["target_groups"] == "grassroots"
    assert row["people_reached"] == "40" and row["attended"] == "17"


def test_results_name_their_participants(world):
    [technology] = read_csv(exports.as_csv("technologies", Technology.objects.all()))
    assert technology["co_creators"] == (
        "Lilongwe Wetlands Trust (beneficiary, MWI); "
        "University of Cape Town (provider, ZAF)"
    )
    assert technology["deployed"] == "true"
    [publication] = read_csv(exports.as_csv("publications", Publication.objects.all()))
    assert publication["authors"] == "University of Cape Town (provider, ZAF)"
    [policy] = read_csv(exports.as_csv("policies", Policy.objects.all()))
    assert (policy["level"], policy["stage"]) == ("local", "adopted")


def test_funding_keeps_exact_amounts_as_json_strings(world):
    [flow] = json.loads(exports.as_json("funding", FundingFlow.objects.all()))
    assert flow == {
        "partnership": str(world.uuid),
        "title": "Travel grant",
        "dated": "2026-07-01",
        "funder": "University of Cape Town (provider, ZAF)",
        "purpose": "travel",
        "amount": "1000.50",
        "currency": "EUR",
        "rate": "0.800000",
        "reporting_amount": "1250.63",
        "reporting_currency": "USD",
    }


def test_a_workbook_reads_back_with_typed_cells_and_text_kept_as_text(world):
    content = exports.as_xlsx("activities", Activity.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(content))["activities"]
    header, row = sheet.iter_rows(values_only=True)
    values = dict(zip(header, row, strict=True))
    assert header == exports.TABLES["activities"].columns
    assert values["title"] == "=1+1 drone mapping"
    assert sheet["B2"].data_type == "s"
    assert values["held_on"].date() == dt.date(2026, 4, 2)  # a date cell
    assert values["in_local_language"] is True and values["attended"] == 17
    funding = exports.as_xlsx("funding", FundingFlow.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(funding))["funding"]
    assert sheet["F2"].value == pytest.approx(1000.5)


def test_control_characters_are_dropped_from_a_workbook(world):
    world.description = "Line one\x0bline two"
    world.save()
    content = exports.as_xlsx("partnerships", Partnership.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(content))["partnerships"]
    assert sheet["C2"].value == "Line oneline two"


def test_indicator_values_export_one_row_per_indicator_per_year(world):
    tiles = selectors.dashboard(2026)
    rows = selectors.indicator_rows(tiles)
    assert len(rows) == len(tiles) * selectors.TREND_YEARS
    started = {row[3]: row for row in rows if row[0] == "P38-g"}
    assert started[2026][1:] == (
        str(selectors.indicator("P38-g").name),
        "number",
        2026,
        1.0,
        None,
        1.0,
    )
    assert started[2025][-1] == 0.0
    table = selectors.INDICATOR_TABLE
    [first, *_] = read_csv(exports.as_csv(table, rows))
    assert list(first) == list(table.columns) and first["year"] == "2022"
    assert json.loads(exports.as_json(table, rows))[4]["year"] == 2026
    sheet = openpyxl.load_workbook(io.BytesIO(exports.as_xlsx(table, rows))).active
    assert sheet.max_row == len(rows) + 1


MANY = 10_000


def many_partnerships(people, world) -> None:
    made = Partnership.objects.bulk_create(
        Partnership(title=f"P{i}", origin="direct", started_on=dt.date(2026, 1, 1))
        for i in range(MANY - 1)
    )
    Participant.objects.bulk_create(
        Participant(partnership=p, role=role, organization=organization)
        for p in made
        for role, organization in (
            ("beneficiary", people.ngo),
            ("provider", people.university),
        )
    )
    target = GbfTarget.objects.get(number=1)
    Partnership.targets.through.objects.bulk_create(
        Partnership.targets.through(partnership=p, gbftarget=target) for p in made
    )


def many_copies(people, world, model, *relations: str) -> None:
    """Copies of the world's one record, with the same related rows."""
    original = model.objects.get()
    related = {name: list(getattr(original, name).all()) for name in relations}
    original.pk = None
    copies = model.objects.bulk_create(
        model(
            **{
                f.attname: getattr(original, f.attname)
                for f in model._meta.fields
                if f.name != "uuid"  # each copy a uuid of its own
            }
        )
        for _ in range(MANY - 1)
    )
    for name, targets in related.items():
        through = getattr(model, name).through
        source, target = (
            f.name for f in through._meta.fields if f.name != "id" and f.is_relation
        )
        through.objects.bulk_create(
            through(**{source: copy, target: each})
            for copy in copies
            for each in targets
        )
    if model is Activity:
        Attendance.objects.bulk_create(
            Attendance(
                activity=copy,
                stakeholder_type="ngo",
                role="practitioner",
                gender="woman",
                count=1,
            )
            for copy in copies
        )


def many_attendance_rows(people, world) -> None:
    """A row for each copy of the world's activity, and one of the world's own."""
    many_copies(people, world, Activity)
    Attendance.objects.filter(activity__title__startswith="=", gender="man").delete()


BUILDERS = {
    "partnerships": many_partnerships,
    "activities": lambda p, w: many_copies(
        p, w, Activity, "languages", "target_groups"
    ),
    "technologies": lambda p, w: many_copies(p, w, Technology, "co_creators"),
    "publications": lambda p, w: many_copies(p, w, Publication, "authors"),
    "policies": lambda p, w: many_copies(p, w, Policy),
    "funding": lambda p, w: many_copies(p, w, FundingFlow),
    "attendance": many_attendance_rows,
}
# One query for the rows, one for each relation prefetched.
QUERIES = {
    "partnerships": 3,
    "activities": 4,
    "technologies": 2,
    "publications": 2,
    "policies": 1,
    "funding": 1,
    "attendance": 1,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(exports.TABLES))
def test_ten_thousand_rows_take_a_fixed_number_of_queries(
    people, world, name, django_assert_max_num_queries
):
    BUILDERS[name](people, world)
    records = MODELS[name].objects.all()
    with django_assert_max_num_queries(QUERIES[name]):
        text = exports.as_csv(name, records)
    assert len(text.splitlines()) == MANY + 1


def test_csv_opens_in_excel_with_accents_and_without_formulas(world):
    world.title = "Zones humides du Lac Malawi — évaluation"
    world.description = "-cmd|' /C calc'!A0"
    world.save()
    text = exports.as_csv("partnerships", Partnership.objects.all())
    assert text.startswith("\ufeffuuid,title,")
    row = read_csv(text)[0]
    assert row["title"] == "Zones humides du Lac Malawi — évaluation"
    assert row["description"] == "'-cmd|' /C calc'!A0"
    for start in "=+-@":
        world.description = f'{start}HYPERLINK("http://evil.example")'
        world.save()
        row = read_csv(exports.as_csv("partnerships", Partnership.objects.all()))[0]
        assert row["description"] == f"'{world.description}"
        content = exports.as_xlsx("partnerships", Partnership.objects.all())
        cell = openpyxl.load_workbook(io.BytesIO(content))["partnerships"]["C2"]
        assert cell.value == world.description
        assert cell.data_type == "s" and cell.quotePrefix


def test_negative_numbers_stay_numbers(world):
    assert exports._csv_cell(Decimal("-12.50")) == "-12.50"
    assert exports._csv_cell(-3) == "-3"
    content = exports.as_xlsx(
        selectors.INDICATOR_TABLE, [("X", "n", "u", 2026, -3, 1, -3)]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content))["indicators"]
    assert sheet["G2"].value == -3 and sheet["G2"].data_type == "n"


def test_participants_are_exported_by_gender_and_role(client, world):
    rows = read_csv(exports.as_csv("attendance", Attendance.objects.order_by("pk")))
    assert rows == [
        {
            "partnership": str(world.uuid),
            "activity": "'=1+1 drone mapping",
            "held_on": "2026-04-02",
            "stakeholder_type": "iplc",
            "role": "local_expert",
            "gender": "woman",
            "count": "12",
        },
        {
            "partnership": str(world.uuid),
            "activity": "'=1+1 drone mapping",
            "held_on": "2026-04-02",
            "stakeholder_type": "ngo",
            "role": "practitioner",
            "gender": "man",
            "count": "5",
        },
    ]
    response = client.get("/partnerships/export/attendance.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbfpartnership,activity,")
    assert (
        "Participants by gender and role"
        in client.get("/partnerships/").content.decode()
    )
