"""Who may do what with partnerships: every persona against every action, twice.

The matrix below is the rule book, read as in `mutua.testing.matrix`: each row an
action on a partnership entered by the Malawian NGO with the South African
university, each column a persona (and an anonymous visitor). Anyone may read
partnerships, their activities and the exports; the participants, the national
focal points of their countries, the coordinators of their regions and the
secretariat change them; only the secretariat stores exchange rates.

A refused cell must write nothing: beside the kit's fingerprint of every table,
every row of every cooperation table is compared whole, since most of them keep
no time of change (a refused edit of an activity's title shows only there).
"""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.http import HttpResponse

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import ExchangeRate
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Technology
from mutua.directory.models import Country
from mutua.directory.models import Modality
from mutua.testing.builders import entered
from mutua.testing.matrix import PROBES
from mutua.testing.matrix import Cell
from mutua.testing.matrix import Row
from mutua.testing.matrix import matrix_tests
from mutua.testing.partnerships import activity_body
from mutua.testing.partnerships import new_partnership
from mutua.testing.partnerships import partnership_body

pytestmark = pytest.mark.django_db

TITLE = "Changed by the permission matrix"
COOPERATION = list(
    apps.get_app_config("cooperation").get_models(include_auto_created=True)
)


def cooperation_rows() -> list:
    """Every row of every cooperation table, every column of it."""
    return [list(model.objects.order_by("pk").values_list()) for model in COOPERATION]


# Records each row starts from, made through the services ----------------------------


def partnership(cell: Cell) -> Partnership:
    return entered(cell.people)


def with_a_funder(cell: Cell) -> Partnership:
    """A partnership of three, so that one may leave it."""
    germany = Country.objects.get(iso3="DEU")
    return entered(cell.people, {"role": "funder", "country": germany})


def activity(cell: Cell) -> Activity:
    return Activity.objects.create(
        partnership=entered(cell.people),
        title="Field school",
        modality=Modality.objects.get(code="awareness_raising"),
        delivery="face_to_face",
        held_on="2026-05-05",
        people_reached=5,
    )


# Pages and endpoints of each action --------------------------------------------------


def page_of(cell: Cell) -> str:
    """The page of the cell's partnership, or of the partnership of its activity."""
    record = cell.record
    return (
        record.partnership if isinstance(record, Activity) else record
    ).get_absolute_url()


def activity_form(cell: Cell) -> dict:
    return {
        "title": TITLE,
        "modality": Modality.objects.get(code="awareness_raising").pk,
        "delivery": "virtual",
        "held_on": "2026-05-05",
        "people_reached": "12",
    }


def post(path: str, data: Callable[[Cell], dict]) -> Callable[[Cell], HttpResponse]:
    """POST to the page at `path` below the partnership's, with `data` of the cell."""

    def web(cell: Cell) -> HttpResponse:
        return cell.client.post(page_of(cell) + path.format(cell=cell), data(cell))

    return web


def read(web: str, api: str | None) -> dict:
    """A page and an endpoint anyone may read."""

    def page(cell: Cell) -> HttpResponse:
        return cell.client.get(web.format(page=page_of(cell)))

    def endpoint(cell: Cell) -> HttpResponse:
        return cell.call("GET", api.format(record=cell.record))

    return {"web": page, "api": endpoint if api else None, "ok_status": 200}


def fresh(cell: Cell):
    return type(cell.record).objects.filter(pk=cell.record.pk).first()


ROWS = {
    "view-partnership": Row(
        partnership, **read("{page}", "/partnerships/{record.uuid}")
    ),
    "view-list": Row(partnership, **read("/partnerships/", "/partnerships")),
    "view-activities": Row(
        activity, **read("{page}", "/partnerships/{record.partnership.uuid}/activities")
    ),
    "create-partnership": Row(
        setup=lambda cell: None,
        web=lambda cell: cell.client.post(
            "/partnerships/new/", new_partnership(title=TITLE)
        ),
        api=lambda cell: cell.call(
            "POST", "/partnerships", partnership_body(cell.people, title=TITLE)
        ),
        done=lambda cell: Partnership.objects.filter(title=TITLE).exists(),
        # The page names what is missing beside the participants.
        refused_status=400,
    ),
    "edit-partnership": Row(
        partnership,
        web=post(
            "edit/",
            lambda cell: {
                "title": TITLE,
                "status": "active",
                "started_on": "2026-03-01",
            },
        ),
        api=None,
        done=lambda cell: fresh(cell).title == TITLE,
    ),
    "add-participant": Row(
        partnership,
        web=post(
            "participants/new/", lambda cell: {"role": "funder", "country": "DEU"}
        ),
        api=None,
        done=lambda cell: fresh(cell).participants.count() == 3,
    ),
    "remove-participant": Row(
        with_a_funder,
        web=lambda cell: cell.client.post(
            page_of(cell)
            + f"participants/{cell.record.participants.get(role='funder').pk}/remove/"
        ),
        api=None,
        done=lambda cell: not Participant.objects.filter(role="funder").exists(),
    ),
    "add-activity": Row(
        partnership,
        web=post("activity/new/", activity_form),
        api=lambda cell: cell.call(
            "POST",
            f"/partnerships/{cell.record.uuid}/activities",
            activity_body(title=TITLE),
        ),
        done=lambda cell: Activity.objects.filter(title=TITLE).exists(),
    ),
    "edit-activity": Row(
        activity,
        web=post("activity/{cell.record.pk}/", activity_form),
        api=None,
        done=lambda cell: fresh(cell).title == TITLE,
    ),
    "delete-activity": Row(
        activity,
        web=post("activity/{cell.record.pk}/delete/", lambda cell: {}),
        api=None,
        done=lambda cell: fresh(cell) is None,
    ),
    "count-attendance": Row(
        activity,
        web=post(
            "activity/{cell.record.pk}/attendance/",
            lambda cell: {
                "rows-TOTAL_FORMS": "1",
                "rows-INITIAL_FORMS": "0",
                "rows-0-stakeholder_type": "government",
                "rows-0-role": "policymaker",
                "rows-0-gender": "woman",
                "rows-0-count": "4",
            },
        ),
        api=None,
        done=lambda cell: Attendance.objects.filter(activity=cell.record).exists(),
    ),
    "add-technology": Row(
        partnership,
        web=post(
            "technology/new/",
            lambda cell: {
                "title": TITLE,
                "dated": "2026-04-01",
                "local_indigenous_experts": "0",
            },
        ),
        api=None,
        done=lambda cell: Technology.objects.filter(title=TITLE).exists(),
    ),
    "export-activities": Row(
        activity, **read("/partnerships/export/activities.csv", None)
    ),
    "export-iati": Row(partnership, **read("/partnerships/iati.xml", None)),
    "store-exchange-rate": Row(
        setup=lambda cell: None,
        web=lambda cell: cell.client.post(
            "/exchange-rates/",
            {
                "currency": "EUR",
                "valid_from": "2026-01-01",
                "per_reporting_unit": "0.9",
                "source": TITLE,
            },
        ),
        api=None,
        done=lambda cell: ExchangeRate.objects.filter(source=TITLE).exists(),
    ),
}

TABLE = """
                    focal_point coordinator member provider outsider secretariat anonymous
view-partnership    ok          ok          ok     ok       ok       ok          ok
view-list           ok          ok          ok     ok       ok       ok          ok
view-activities     ok          ok          ok     ok       ok       ok          ok
create-partnership  ok          ok          ok     ok       no       ok          login
edit-partnership    ok          ok          ok     ok       no       ok          login
add-participant     ok          ok          ok     ok       no       ok          login
remove-participant  ok          ok          ok     ok       no       ok          login
add-activity        ok          ok          ok     ok       no       ok          login
edit-activity       ok          ok          ok     ok       no       ok          login
delete-activity     ok          ok          ok     ok       no       ok          login
count-attendance    ok          ok          ok     ok       no       ok          login
add-technology      ok          ok          ok     ok       no       ok          login
export-activities   ok          ok          ok     ok       ok       ok          ok
export-iati         ok          ok          ok     ok       ok       ok          ok
store-exchange-rate no          no          no     no       no       ok          login
"""
test_web, test_api = matrix_tests(TABLE, ROWS, unchanged=cooperation_rows)


def test_the_fingerprint_probes_every_cooperation_table():
    for model in COOPERATION:
        assert f"FROM {model._meta.db_table})" in PROBES, model._meta.db_table
