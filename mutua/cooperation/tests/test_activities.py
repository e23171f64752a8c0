"""Recording what a partnership did: activities added, edited and removed, on the
page and through the API."""

import pytest

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.directory.models import Modality
from mutua.testing.builders import entered
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.partnerships import activity_body

pytestmark = pytest.mark.django_db


def test_an_editor_adds_an_activity_with_attendance_and_removes_it(client, people):
    partnership = entered(people)
    url = partnership.get_absolute_url()
    client.force_login(people.provider)
    modality = Modality.objects.get(code="awareness_raising")
    bad = client.post(
        f"{url}activity/new/",
        {"title": "Radio show", "modality": modality.pk, "delivery": "by pigeon"},
    )
    assert bad.status_code == 400 and not Activity.objects.exists()
    response = client.post(
        f"{url}activity/new/",
        {
            "title": "Radio show",
            "modality": modality.pk,
            "delivery": "virtual",
            "held_on": "2026-05-05",
            "lead_organization": "Lilongwe Wetlands Trust",
            "languages": ["ny"],
            "in_local_language": "on",
            "people_reached": "12000",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.lead_country == people.malawi
    rows = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-stakeholder_type": "government",
        "rows-0-role": "policymaker",
        "rows-0-gender": "woman",
        "rows-0-count": "4",
    }
    attendance = f"{url}activity/{activity.pk}/attendance/"
    assert client.post(attendance, rows).status_code == 302
    twice = {
        **rows,
        "rows-1-stakeholder_type": "government",
        "rows-1-role": "policymaker",
        "rows-1-gender": "woman",
        "rows-1-count": "2",
    }
    response = client.post(attendance, twice)
    assert response.status_code == 400
    assert "counted once" in response.content.decode()
    assert list(Attendance.objects.values_list("count", flat=True)) == [4]
    delete = f"{url}activity/{activity.pk}/delete/"
    assert "Yes, remove it" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not Activity.objects.exists()


def test_unknown_kinds_and_records_of_other_partnerships_are_not_found(client, people):
    partnership, other = entered(people), entered(people, title="Other")
    activity = Activity.objects.create(
        partnership=other,
        title="Elsewhere",
        modality=Modality.objects.first(),
        delivery="virtual",
        held_on="2026-01-01",
    )
    client.force_login(people.member)
    url = partnership.get_absolute_url()
    assert client.get(f"{url}spell/new/").status_code == 404
    assert client.get(f"{url}activity/{activity.pk}/").status_code == 404


def test_a_bad_edit_of_an_activity_leaves_it_as_it_was(client, people):
    partnership = entered(people)
    activity = Activity.objects.create(
        partnership=partnership,
        title="Flight school",
        modality=Modality.objects.first(),
        delivery="virtual",
        held_on="2026-01-01",
    )
    client.force_login(people.member)
    response = client.post(
        f"{partnership.get_absolute_url()}activity/{activity.pk}/",
        {
            "title": "Renamed",
            "modality": activity.modality_id,
            "delivery": "by pigeon",
            "held_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.title == "Flight school"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"modality": "magic"}, "modality"),
        ({"languages": ["xx"]}, "languages.0"),
        ({"delivery": "by pigeon"}, "delivery"),
        ({"people_reached": -1}, "people_reached"),
        (
            {
                "attendance": [
                    {
                        "stakeholder_type": "ngo",
                        "role": "other",
                        "gender": "man",
                        "count": 2,
                    }
                ]
                * 2
            },
            "attendance",
        ),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_kept(client, people, change, field):
    partnership = entered(people)
    response = call(
        client,
        "POST",
        f"/partnerships/{partnership.uuid}/activities",
        activity_body(**change),
        user=people.member,
    )
    assert response.status_code == 422
    assert field in errors(response)
    assert not Activity.objects.exists()
