"""Files for the bulk import: rows of requests, as CSV, and their upload."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

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


def csv_file(rows, *, delimiter=",", bom=False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


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
