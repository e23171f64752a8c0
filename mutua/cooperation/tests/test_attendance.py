"""Who took part in an activity: counted once a group and checked against its
reach, on the page and through the API."""

import pytest

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.directory.models import Modality
from mutua.testing.builders import entered
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.partnerships import activity_body

pytestmark = pytest.mark.django_db


def attendance_page(people):
    partnership = entered(people)
    activity = Activity.objects.create(
        partnership=partnership,
        title="Field school",
        modality=Modality.objects.first(),
        delivery="face_to_face",
        held_on="2026-05-05",
        people_reached=5,
    )
    url = f"{partnership.get_absolute_url()}activity/{activity.pk}/attendance/"
    return activity, url


def rows_of(*counts, total=None) -> dict:
    data = {
        "rows-TOTAL_FORMS": str(total or len(counts)),
        "rows-INITIAL_FORMS": "0",
    }
    groups = [("government", "policymaker"), ("ngo", "practitioner")]
    for i, count in enumerate(counts):
        kind, role = groups[i]
        data |= {
            f"rows-{i}-stakeholder_type": kind,
            f"rows-{i}-role": role,
            f"rows-{i}-gender": "woman",
            f"rows-{i}-count": str(count),
        }
    return data


def test_attendance_above_the_reach_is_refused_unless_confirmed_with_a_reason(
    client, people
):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    response = client.post(url, rows_of(4, 3))
    assert response.status_code == 400
    assert "7 people took part but the activity reached 5" in response.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(url, {**rows_of(4, 3), "confirmed": "on"})
    assert response.status_code == 400
    assert "Say why more took part than the activity reached." in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()
    reason = "Five were reached on the first day; two came on the second."
    response = client.post(url, {**rows_of(4, 3), "confirmed": "on", "reason": reason})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.attendance_reason == reason
    assert sum(Attendance.objects.values_list("count", flat=True)) == 7
    page = client.get(url).content.decode()
    assert reason in page and 'name="confirmed" id="id_confirmed" checked' in page


def test_a_reason_without_the_confirmation_is_not_kept(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    response = client.post(url, {**rows_of(4, 3), "reason": "Because."})
    assert response.status_code == 400 and not Attendance.objects.exists()
    assert client.post(url, {**rows_of(4), "reason": "Because."}).status_code == 302
    activity.refresh_from_db()
    assert activity.attendance_reason == ""


def test_the_attendance_form_grows_as_its_rows_are_filled(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    page = client.get(url).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="3"' in page
    assert 'name="more"' in page
    response = client.post(url, {**rows_of(1, 2), "more": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and not Attendance.objects.exists()
    assert 'name="rows-TOTAL_FORMS" value="5"' in page
    assert 'name="rows-4-count"' in page and 'name="rows-1-count" value="2"' in page
    assert client.post(url, rows_of(1, 2, total=5)).status_code == 302
    assert Attendance.objects.count() == 2


def test_an_outsider_cannot_count_who_took_part(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.outsider)
    response = client.post(url, {**rows_of(1), "more": "1"})
    assert response.status_code == 403
    assert client.post(url, rows_of(1)).status_code == 403
    assert not Attendance.objects.exists()


def test_attendance_above_the_reach_is_kept_only_with_a_reason(client, people):
    partnership = entered(people)
    path = f"/partnerships/{partnership.uuid}/activities"
    body = activity_body(people_reached=3)
    refused = call(client, "POST", path, body, user=people.member)
    assert refused.status_code == 422
    assert errors(refused) == {
        "attendance": "4 people took part but the activity reached 3: correct the "
        "numbers, or confirm them and say why."
    }
    assert not Activity.objects.exists()
    body["attendance_reason"] = "The reach counts the first day only."
    response = call(client, "POST", path, body, user=people.member)
    assert response.status_code == 201, response.content
    assert Activity.objects.get().attendance_reason == body["attendance_reason"]
