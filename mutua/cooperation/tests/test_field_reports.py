"""Reports sent from the field, by a phone that may send one more than once: each
carries the phone's own uuid, and the same report sent again is recorded once.
Bad sendings (malformed, another user's uuid, a withdrawn right) get a clear 4xx
and change nothing."""

import uuid

import pytest
from django.urls import reverse

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.directory import services as directory_services
from mutua.directory.models import Membership
from mutua.testing.builders import entered
from mutua.testing.http import bearer
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.matrix import fingerprint
from mutua.testing.partnerships import activity_body
from mutua.testing.personas import make_user

pytestmark = pytest.mark.django_db


def send(client, partnership, user, **body):
    return call(
        client,
        "POST",
        f"/partnerships/{partnership.uuid}/activities",
        activity_body(**body),
        user=user,
    )


def test_a_report_sent_twice_is_recorded_once(client, people):
    partnership = entered(people)
    report = str(uuid.uuid4())
    first = send(client, partnership, people.member, uuid=report)
    assert first.status_code == 201, first.content
    assert first.json()["uuid"] == report
    before = fingerprint()
    again = send(client, partnership, people.member, uuid=report)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert fingerprint() == before
    assert Activity.objects.filter(uuid=report).count() == 1
    assert Attendance.objects.filter(activity__uuid=report).count() == 1
    assert Activity.objects.get(uuid=report).recorded_by == people.member


def test_reports_sent_out_of_order_are_each_recorded_and_listed_by_date(client, people):
    partnership = entered(people)
    later, earlier = uuid.uuid4(), uuid.uuid4()
    send(client, partnership, people.member, uuid=str(later), held_on="2026-06-01")
    send(client, partnership, people.member, uuid=str(earlier), held_on="2026-05-01")
    listed = call(client, "GET", f"/partnerships/{partnership.uuid}/activities")
    assert [a["uuid"] for a in listed.json()] == [str(later), str(earlier)]


def test_without_a_uuid_each_sending_is_a_new_activity(client, people):
    partnership = entered(people)
    assert send(client, partnership, people.member).status_code == 201
    assert send(client, partnership, people.member).status_code == 201
    assert partnership.activities.count() == 2


@pytest.mark.parametrize(
    ("raw", "body", "status", "field"),
    [
        ("{not json", None, 400, None),
        (None, {"uuid": "not-a-uuid"}, 422, "uuid"),
        (None, {"uuid": 42}, 422, "uuid"),
        (None, {"title": ""}, 422, "title"),
        (None, {"held_on": "2026-02-30"}, 422, "held_on"),
        (None, {"attendance": [{"role": "mayor"}]}, 422, "attendance.0.role"),
    ],
)
def test_a_malformed_report_is_refused_with_its_field_and_writes_nothing(
    client, people, raw, body, status, field
):
    partnership = entered(people)
    bearer(people.member)  # the token exists before the count starts
    before = fingerprint()
    response = call(
        client,
        "POST",
        f"/partnerships/{partnership.uuid}/activities",
        activity_body(**(body or {})),
        raw=raw,
        user=people.member,
    )
    assert response.status_code == status, response.content
    assert field in errors(response) or field is None
    assert fingerprint() == before


def test_a_uuid_of_someone_elses_activity_is_refused_and_changes_nothing(
    client, people
):
    partnership = entered(people)
    theirs = str(uuid.uuid4())
    send(client, partnership, people.provider, uuid=theirs, title="Their workshop")
    bearer(people.member)
    before = fingerprint()
    response = send(client, partnership, people.member, uuid=theirs)
    assert response.status_code == 409
    assert "uuid" in errors(response)
    assert fingerprint() == before
    assert Activity.objects.get(uuid=theirs).title == "Their workshop"


def test_a_uuid_sent_again_to_another_partnership_is_refused(client, people):
    first, second = entered(people), entered(people, title="Second partnership")
    report = str(uuid.uuid4())
    send(client, first, people.member, uuid=report)
    before = fingerprint()
    response = send(client, second, people.member, uuid=report)
    assert response.status_code == 409
    assert fingerprint() == before


def test_a_report_from_someone_whose_right_was_withdrawn_is_refused(client, people):
    partnership = entered(people)
    directory_services.membership_add(
        organization=people.ngo,
        user=make_user("successor"),
        by=people.secretariat,
        is_admin=True,
    )
    directory_services.membership_remove(
        membership=Membership.objects.get(user=people.member, organization=people.ngo),
        by=people.secretariat,
    )
    bearer(people.member)
    before = fingerprint()
    response = send(client, partnership, people.member, uuid=str(uuid.uuid4()))
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"]
    assert fingerprint() == before


def test_the_field_report_page_is_for_the_partnerships_editors(client, people):
    partnership = entered(people)
    page = reverse("cooperation:field_report", args=[partnership.uuid])
    assert "/login/?next=" in client.get(page)["Location"]
    client.force_login(people.outsider)
    assert client.get(page).status_code == 403
    client.force_login(people.member)
    body = client.get(page).content.decode()
    assert f'data-api="/api/v1/partnerships/{partnership.uuid}/activities"' in body
    # Choices are valued as the API takes them: codes, not row numbers.
    assert '<option value="joint_training"' in body
    assert 'name="attendance-0-count"' in body
    partnership_page = client.get(partnership.get_absolute_url()).content.decode()
    assert page in partnership_page
    client.force_login(people.outsider)
    assert page not in client.get(partnership.get_absolute_url()).content.decode()
