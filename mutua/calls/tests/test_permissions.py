"""Who may do what with calls and applications: every persona against every action, on the pages
and over the API, read as in `mutua.testing.matrix`.

The secretariat runs every call, a coordinator the calls of its region (here
Eastern Africa); a draft exists only for them, a published call is public, and
only they change it or move it along its lifecycle.
"""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.services import documents
from mutua.testing.calls import call_body
from mutua.testing.calls import call_fields
from mutua.testing.calls import call_form
from mutua.testing.calls import draft_call
from mutua.testing.calls import open_call
from mutua.testing.calls import pdf
from mutua.testing.calls import started_application
from mutua.testing.calls import submitted_application
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


# Applications: their organization writes them; those who run the call read them;
# to anyone else they do not exist.

NEW_TITLE = "Lilongwe Wetlands Trust, hosting with partners"


def application(cell: Cell) -> Application:
    return started_application(cell.people, open_call(cell.people))


def submitted(cell: Cell) -> Application:
    return submitted_application(cell.people, open_call(cell.people))


def view_application(cell: Cell) -> HttpResponse:
    return cell.client.get(cell.record.get_absolute_url())


def view_application_api(cell: Cell) -> HttpResponse:
    return cell.call("GET", f"/applications/{cell.record.uuid}")


def edit_application(cell: Cell) -> HttpResponse:
    url = reverse("calls:application_edit", args=[cell.record.uuid])
    data = {"title": NEW_TITLE, "summary": "We coordinate."}
    answers = {f"answer_{n}": f"Answer {n}." for n in range(1, 5)}
    return cell.client.post(url, data | answers)


def edit_application_api(cell: Cell) -> HttpResponse:
    body = {"title": NEW_TITLE}
    return cell.call("PATCH", f"/applications/{cell.record.uuid}", body)


def retitled(cell: Cell) -> bool:
    return Application.objects.get(pk=cell.record.pk).title == NEW_TITLE


def move(action: str) -> dict:
    def web(cell: Cell) -> HttpResponse:
        url = reverse("calls:application_move", args=[cell.record.uuid, action])
        return cell.client.post(url)

    def api(cell: Cell) -> HttpResponse:
        path = f"/applications/{cell.record.uuid}/transitions"
        return cell.call("POST", path, {"action": action})

    status = {"submit": "submitted", "withdraw": "withdrawn"}[action]

    def done(cell: Cell) -> bool:
        return Application.objects.get(pk=cell.record.pk).status == status

    return {"web": web, "api": api, "done": done}


def attached(cell: Cell) -> Application:
    found = application(cell)
    found.document = documents.document_add_to_application(
        application=found, by=cell.people.member, upload=pdf()
    )
    return found


def download(cell: Cell) -> HttpResponse:
    return cell.client.get(cell.record.document.get_absolute_url())


def apply(cell: Cell) -> HttpResponse:
    call = cell.record
    data = {
        "organization": str(cell.people.ngo.uuid),
        "title": "Host",
        "summary": "We coordinate.",
    }
    return cell.client.post(reverse("calls:apply", args=[call.uuid]), data)


def apply_api(cell: Cell) -> HttpResponse:
    call = cell.record
    body = {"organization": str(cell.people.ngo.uuid), "title": "T", "summary": "S"}
    return cell.call("POST", f"/calls/{call.uuid}/applications", body)


def list_applications(cell: Cell) -> HttpResponse:
    call = Application.objects.get(pk=cell.record.pk).call
    return cell.client.get(reverse("calls:applications", args=[call.uuid]))


APPLICATION_ROWS = {
    "view": Row(application, view_application, view_application_api, ok_status=200),
    "edit": Row(application, edit_application, edit_application_api, done=retitled),
    "submit": Row(application, **move("submit")),
    "withdraw": Row(submitted, **move("withdraw")),
    "download": Row(attached, download, None, ok_status=200),
    "apply-for-the-ngo": Row(
        published, apply, apply_api, done=lambda c: Application.objects.exists()
    ),
    "see-the-call-s-applications": Row(
        submitted, list_applications, None, ok_status=200
    ),
}

APPLICATION_TABLE = """
                            focal_point coordinator member provider outsider secretariat anonymous
view                        404         ok          ok     404      404      ok          404
edit                        404         no          ok     404      404      no          login
submit                      404         no          ok     404      404      no          login
withdraw                    404         no          ok     404      404      no          login
download                    404         ok          ok     404      404      ok          404
apply-for-the-ngo           form        form        ok     form     form     form        login
see-the-call-s-applications no          ok          no     no       no       ok          login
"""

test_applications_web, test_applications_api = matrix_tests(
    APPLICATION_TABLE, APPLICATION_ROWS
)
