"""Files for the bulk import: rows of organizations, requests and offers, as CSV
or XLSX, and their upload; an import run as a user, where its problems lie, and
how many records the database holds."""

import csv
import datetime as dt
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.importing import services

NEXT_YEAR = timezone.localdate() + dt.timedelta(days=365)

ORGANIZATIONS = [
    ["name", "country", "type", "website", "description"],
    ["Nyika Highlands Trust", "MWI", "ngo", "https://nyika.example.org", "Grasslands."],
    ["Zomba Herbarium", "mwi", "Academic", "", ""],
]
REQUESTS = [
    ["title", "country", "organization", "challenge", "targets", "modalities"]
    + ["resources", "languages", "beneficiaries", "level", "budget_amount"]
    + ["budget_currency", "start_date", "end_date", "touches_iplc_lands"],
    ["Barcoding of cichlids", "MWI", "Lilongwe Wetlands Trust", "Fish decline."]
    + ["4;20", "joint_training;networking", "expertise", "en;fr", "iplc;youth"]
    + ["subnational", "15000.50", "usd", "2026-03-01", "2026-12-31", "yes"],
    ["Wetland mapping", "MWI", "Lilongwe Wetlands Trust", "Wetlands shrink."]
    + ["", "", "", "", "", "", "", "", "", "", "no"],
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


def csv_file(rows, *, delimiter=",", bom=False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def xlsx_file(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(user, data, *, filename="rows.csv", **options) -> services.Outcome:
    return services.import_file(by=user, data=data, filename=filename, **options)


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


def upload(client, data: bytes, name="rows.csv", **fields):
    file = SimpleUploadedFile(name, data)
    return client.post("/import/", {"file": file, **fields})


ROWS = 201  # one more than the page imports while it waits


def requests_file(n: int = ROWS, *, bad_row: int | None = None) -> bytes:
    header, row = REQUESTS[0], REQUESTS[2]
    rows = [[f"Wetland mapping {i}", *row[1:]] for i in range(n)]
    if bad_row is not None:
        rows[bad_row - 2][1] = "XXX"  # the header is row 1
    return csv_file([header, *rows])
