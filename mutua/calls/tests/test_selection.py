"""The selection and its follow-up (¶47 a v–viii): the selected host is told,
accepts within one month, signs the host agreement within three; reminders go
out before each deadline; a decline or a lapse lets the next be selected;
donors pledge; the host becomes its region's centre and its staff coordinators."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mutua.calls.models import Call
from mutua.calls.models import Selection
from mutua.calls.services import calls
from mutua.calls.services import selection as follow_up
from mutua.calls.services.selection import months_later
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.testing.calls import pdf
from mutua.testing.calls import shortlisted_call
from mutua.testing.http import call as api
from mutua.testing.http import text

pytestmark = pytest.mark.django_db

WHY = "The strongest networks of the subregion, and a board that says yes."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 5, 14), 1, dt.date(2024, 6, 14)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),
        (dt.date(2023, 12, 15), 1, dt.date(2024, 1, 15)),
    ],
)
def test_a_month_later_is_the_same_day_or_the_month_s_last(day, months, expected):
    assert months_later(day, months) == expected


def test_selection_to_signed_agreement_on_the_pages(
    people, django_capture_on_commit_callbacks
):
    call, (best, _second) = shortlisted_call(people)
    staff = _client(people.secretariat)
    assert reverse("calls:select", args=[best.uuid]) in text(
        staff.get(call.get_absolute_url())
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("calls:select", args=[best.uuid]),
            {"justification": WHY, "consulted_input": "The bureau agreed."},
        )
    selection = Selection.objects.get()
    assert response["Location"] == selection.get_absolute_url()
    call.refresh_from_db()
    assert call.status == Call.Status.SELECTED
    assert selection.acceptance_due == months_later(timezone.localdate(), 1)
    assert mail.outbox[0].to == [people.member.email]

    visitor = Client()
    page = text(visitor.get(selection.get_absolute_url()))
    assert WHY in page and "The bureau agreed." in page and "due" in page

    host = _client(people.member)
    accept = reverse("calls:selection_accept", args=[selection.uuid])
    assert host.get(accept).status_code == 200  # asks first
    host.post(accept)
    selection.refresh_from_db()
    assert selection.status == Selection.Status.ACCEPTED

    agreement = reverse("calls:selection_agreement", args=[selection.uuid])
    # The form that takes the signed file uploads it; a browser would not send
    # the file otherwise.
    assert 'enctype="multipart/form-data"' in staff.get(agreement).content.decode()
    staff.post(
        agreement,
        {"signed_on": timezone.localdate().isoformat(), "file": pdf("agreement.pdf")},
    )
    selection.refresh_from_db()
    assert selection.status == Selection.Status.SIGNED
    assert selection.agreement.name == "agreement.pdf"
    assert Region.objects.get(pk=people.eastern_africa.pk).centre == people.ngo

    donor = Organization.objects.create(
        name="Green Fund", country=people.south_africa, type=Organization.Type.DONOR
    )
    staff.post(
        reverse("calls:selection_pledge", args=[selection.uuid]),
        {"donor": "Green Fund", "amount": "250000", "currency": "USD"},
    )
    assert selection.pledges.get().donor == donor
    staff.post(
        reverse("calls:selection_appoint", args=[selection.uuid]),
        {"member": people.member.username},
    )
    directory.forget_roles(people.member)
    assert directory.coordinates(people.member, people.malawi)
    assert "Green Fund" in text(visitor.get(selection.get_absolute_url()))
    calls.call_move(call=call, by=people.secretariat, action="complete")
    call.refresh_from_db()
    assert call.status == Call.Status.COMPLETED


def test_a_decline_lets_the_next_on_the_shortlist_be_selected(people):
    call, (best, second) = shortlisted_call(people)
    selection = follow_up.selection_make(
        application=best, by=people.secretariat, justification=WHY
    )
    with pytest.raises(ValidationError, match="is selected for this scope"):
        follow_up.selection_make(
            application=second, by=people.secretariat, justification=WHY
        )
    with pytest.raises(ValidationError) as refused:
        follow_up.selection_answer(
            selection=selection, by=people.member, accept=False, reason=" "
        )
    assert "reason" in refused.value.message_dict
    follow_up.selection_answer(
        selection=selection, by=people.member, accept=False, reason="No premises."
    )
    with pytest.raises(TransitionError):
        calls.call_move(call=call, by=people.secretariat, action="shortlist")
    nxt = follow_up.selection_make(
        application=second, by=people.secretariat, justification=WHY
    )
    assert nxt.status == Selection.Status.AWAITING


def test_reminders_go_once_and_an_unanswered_selection_lapses(people):
    call, (best, second) = shortlisted_call(people)
    selection = follow_up.selection_make(
        application=best, by=people.secretariat, justification=WHY
    )
    mail.outbox.clear()
    week_before = selection.acceptance_due - dt.timedelta(days=7)
    assert follow_up.selections_follow_up(week_before - dt.timedelta(days=1)) == {
        "reminded": 0,
        "lapsed": 0,
    }
    assert follow_up.selections_follow_up(week_before)["reminded"] == 1
    assert follow_up.selections_follow_up(week_before)["reminded"] == 0
    assert len(mail.outbox) == 1
    late = selection.acceptance_due + dt.timedelta(days=1)
    assert follow_up.selections_follow_up(late)["lapsed"] == 1
    selection.refresh_from_db()
    assert selection.status == Selection.Status.LAPSED
    follow_up.selection_make(
        application=second, by=people.secretariat, justification=WHY
    )
    call_command("follow_up_selections")


def test_the_host_answers_within_its_month(people):
    _call, (best, _second) = shortlisted_call(people)
    selection = follow_up.selection_make(
        application=best, by=people.secretariat, justification=WHY
    )
    with pytest.raises(PermissionDenied):
        follow_up.selection_answer(selection=selection, by=people.provider, accept=True)
    Selection.objects.filter(pk=selection.pk).update(
        acceptance_due=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(TransitionError, match="month to accept has passed"):
        follow_up.selection_answer(selection=selection, by=people.member, accept=True)


def test_bad_selection_input_is_refused_by_name(people):
    call, (best, second) = shortlisted_call(people)
    with pytest.raises(ValidationError) as refused:
        follow_up.selection_make(
            application=best, by=people.secretariat, justification=""
        )
    assert "justification" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        follow_up.selection_make(
            application=best, by=people.secretariat, justification="x" * 5001
        )
    assert "justification" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        follow_up.selection_make(application=best, by=people.member, justification=WHY)
    selection = follow_up.selection_make(
        application=best, by=people.secretariat, justification=WHY
    )
    follow_up.selection_answer(selection=selection, by=people.member, accept=True)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        follow_up.agreement_record(
            selection=selection, by=people.secretariat, signed_on=tomorrow, upload=pdf()
        )
    assert "signed_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        follow_up.agreement_record(
            selection=selection,
            by=people.secretariat,
            signed_on=timezone.localdate(),
            upload=pdf("agreement.pdf", b"not a pdf"),
        )
    assert "file" in refused.value.message_dict
    selection.refresh_from_db()
    assert selection.status == Selection.Status.ACCEPTED


def test_the_api_lists_a_call_s_selections(client, people):
    call, (best, _second) = shortlisted_call(people)
    follow_up.selection_make(application=best, by=people.secretariat, justification=WHY)
    listed = api(client, "GET", f"/calls/{call.uuid}/selections").json()
    assert listed[0]["organization_name"] == people.ngo.name
    assert listed[0]["status"] == "awaiting" and listed[0]["justification"] == WHY


def test_a_pledge_and_a_coordinator_are_refused_by_name_when_wrong(people):
    _call, (best, _second) = shortlisted_call(people)
    selection = follow_up.selection_make(
        application=best, by=people.secretariat, justification=WHY
    )

    def pledge(by=people.secretariat, **fields):
        fields = {"amount": 100, "currency": "USD"} | fields
        follow_up.pledge_add(
            selection=selection, by=by, donor=people.university, **fields
        )

    with pytest.raises(TransitionError):  # not accepted yet
        pledge(amount=1)
    follow_up.selection_answer(selection=selection, by=people.member, accept=True)
    for wrong, field in [
        ({"currency": ""}, "currency"),
        ({"note": "x" * 5001}, "note"),
    ]:
        with pytest.raises(ValidationError) as refused:
            pledge(**wrong)
        assert field in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        pledge(by=people.member)
    with pytest.raises(ValidationError) as refused:
        follow_up.coordinator_appoint(
            selection=selection, by=people.secretariat, member=people.provider
        )
    assert "member" in refused.value.message_dict
    assert not selection.pledges.exists()
    assert not directory.coordinates(people.provider, people.malawi)
