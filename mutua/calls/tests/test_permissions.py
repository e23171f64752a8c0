"""Who may do what with calls: every persona against every action, on the pages
and over the API, read as in `mutua.testing.matrix`.

The secretariat runs every call, a coordinator the calls of its region (here
Eastern Africa); a draft exists only for them, a published call is public, and
only they change it or move it along its lifecycle.
"""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from mutua.calls.models import Call
from mutua.testing.calls import call_body
from mutua.testing.calls import call_fields
from mutua.testing.calls import call_form
from mutua.testing.calls import draft_call
from mutua.testing.calls import open_call
from mutua.testing.matrix import Cell
from mutua.testing.matrix import Row
from mutua.testing.matrix import matrix_tests

pytestmark = pytest.mark.django_db

NEW_TEXT = "The centre serves the Eastern Africa subregion."


def draft(cell: Cell) -> Call:
    return draft_call(cell.people)


def published(cell: Cell) -> Call:
    return open_call(cell.people)


def view(cell: Cell) -> HttpResponse:
    return cell.client.get(cell.record.get_absolute_url())


def view_api(cell: Cell) -> HttpResponse:
    return cell.call("GET", f"/calls/{cell.record.uuid}")


def create(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("calls:new"), call_form(call_fields(region="014")))


def create_api(cell: Cell) -> HttpResponse:
    return cell.call("POST", "/calls", call_body())


def edit(cell: Cell) -> HttpResponse:
    call = cell.record
    fields = call_fields(
        region="014",
        description=NEW_TEXT,
        opens_at=call.opens_at,
        closes_at=call.closes_at,
        needs_two_countries=True,
        needs_platform_partnership=True,
    )
    rows = list(call.criteria.values("name", "guidance", "weight"))
    data = call_form(fields, criteria=rows) | {"criteria-INITIAL_FORMS": len(rows)}
    return cell.client.post(reverse("calls:edit", args=[call.uuid]), data)


def edit_api(cell: Cell) -> HttpResponse:
    return cell.call("PATCH", f"/calls/{cell.record.uuid}", {"description": NEW_TEXT})


def edited(cell: Cell) -> bool:
    return Call.objects.get(pk=cell.record.pk).description == NEW_TEXT


def publish(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("calls:move", args=[cell.record.uuid, "open"]))


def publish_api(cell: Cell) -> HttpResponse:
    body = {"action": "open"}
    return cell.call("POST", f"/calls/{cell.record.uuid}/transitions", body)


def is_open(cell: Cell) -> bool:
    return Call.objects.get(pk=cell.record.pk).status == Call.Status.OPEN


ROWS = {
    "view-draft": Row(draft, view, view_api, ok_status=200),
    "view-published": Row(published, view, view_api, ok_status=200),
    "create": Row(
        lambda cell: None, create, create_api, done=lambda c: Call.objects.exists()
    ),
    "edit-draft": Row(draft, edit, edit_api, done=edited),
    "edit-published": Row(published, edit, edit_api, done=edited),
    "publish": Row(draft, publish, publish_api, done=is_open),
}

TABLE = """
                focal_point coordinator member provider outsider secretariat anonymous
view-draft      404         ok          404    404      404      ok          404
view-published  ok          ok          ok     ok       ok       ok          ok
create          no          ok          no     no       no       ok          login
edit-draft      404         ok          404    404      404      ok          login
edit-published  no          ok          no     no       no       ok          login
publish         404         ok          404    404      404      ok          login
"""

test_web, test_api = matrix_tests(TABLE, ROWS)
