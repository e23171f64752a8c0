"""Applications: an organization applies, answers the criteria, attaches its
proposal and submits by the deadline; late, ineligible or incomplete
applications are refused with why; documents are checked by their content and
served only to those allowed."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mutua.calls.documents import MAX_BYTES
from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import Document
from mutua.calls.services import applications
from mutua.calls.services import documents
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.directory.models import Region
from mutua.testing.builders import entered
from mutua.testing.calls import answers_for
from mutua.testing.calls import grant_fields
from mutua.testing.calls import matched_partnership
from mutua.testing.calls import open_call
from mutua.testing.calls import past_closing
from mutua.testing.calls import pdf
from mutua.testing.calls import started_application
from mutua.testing.calls import submitted_application
from mutua.testing.http import call as api
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def _refused(field: str, action, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        action(**kwargs)
    assert field in refused.value.message_dict, refused.value
    return refused.value.message_dict[field][0]


# Applying on the pages ----------------------------------------------------------


def test_an_organization_applies_answers_and_submits_on_the_pages(client, people):
    call = open_call(people)
    client.force_login(people.member)
    page = text(client.get(call.get_absolute_url()))
    assert reverse("calls:apply", args=[call.uuid]) in page
    form = {
        "organization": str(people.ngo.uuid),
        "title": "Lilongwe Wetlands Trust as host",
        "summary": "We coordinate wetland monitoring.",
        "answer_1": "Member of three subregional networks.",
    }
    response = client.post(reverse("calls:apply", args=[call.uuid]), form)
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert application.status == Application.Status.DRAFT
    assert application.region == people.eastern_africa  # the call's scope
    page = text(client.get(application.get_absolute_url()))
    assert "Before you can submit" in page and "Biodiversity expertise" in page

    edit = reverse("calls:application_edit", args=[application.uuid])
    answers = {f"answer_{n}": f"Answer {n}." for n in range(1, 5)}
    client.post(edit, form | answers)
    assert application.answers.count() == 4
    client.post(reverse("calls:application_move", args=[application.uuid, "submit"]))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.title in text(client.get(reverse("calls:mine")))
    assert "Submitted" in text(client.get(call.get_absolute_url()))


def test_bad_application_input_is_named_on_the_page(client, people):
    call = open_call(people)
    client.force_login(people.member)
    url = reverse("calls:apply", args=[call.uuid])
    response = client.post(url, {"organization": str(people.university.uuid)})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"organization", "title", "summary"} <= set(errors)
    form = {"organization": str(people.ngo.uuid), "title": "Host", "summary": "Yes."}
    response = client.post(url, form | {"answer_1": "x" * 5001})
    assert "answer_1" in response.context["form"].errors
    response = client.post(url, form | {"region": "150"})  # Europe
    assert "Eastern Africa" in response.context["form"].errors["region"][0]
    assert not Application.objects.exists()


def test_a_global_host_call_asks_which_region_the_applicant_would_serve(people):
    call = open_call(people, by=people.secretariat, region=None)
    message = _refused(
        "region", started_application, people=people, call=call, region=None
    )
    assert "which region" in message
    europe = Region.objects.get(code="150")
    assert started_application(people, call, region=europe).region == europe


def test_one_application_per_organization_unless_withdrawn(people):
    call = open_call(people)
    first = started_application(people, call)
    _refused("organization", started_application, people=people, call=call)
    applications.application_withdraw(application=first, by=people.member)
    assert started_application(people, call).status == Application.Status.DRAFT


def test_an_incomplete_application_is_refused_with_what_is_missing(people):
    call = open_call(people)
    application = started_application(people, call, complete=False)
    message = _refused(
        "answers",
        applications.application_submit,
        application=application,
        by=people.member,
    )
    assert "Biodiversity expertise" in message


# The deadline --------------------------------------------------------------------


def test_a_late_application_is_refused_with_when_the_call_closed(client, people):
    call = open_call(people)
    application = started_application(people, call)
    past_closing(call)
    with pytest.raises(TransitionError, match="The call closed on"):
        applications.application_submit(application=application, by=people.member)
    with pytest.raises(TransitionError, match="can no longer change"):
        applications.application_update(
            application=application, by=people.member, title="Later"
        )
    client.force_login(people.provider)
    assert client.get(reverse("calls:apply", args=[call.uuid])).status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_nobody_applies_before_the_call_opens(people):
    later = timezone.now() + dt.timedelta(days=3)
    call = open_call(people, opens_at=later, closes_at=later + dt.timedelta(days=30))
    with pytest.raises(TransitionError, match="The call opens on"):
        started_application(people, call)


def test_withdrawn_until_the_call_has_chosen(people):
    call = open_call(people)
    application = submitted_application(people, call)
    other = started_application(
        people, call, organization=people.university, by=people.provider
    )
    Call.objects.filter(pk=call.pk).update(status=Call.Status.SELECTED)
    with pytest.raises(TransitionError, match="stays on record"):
        applications.application_withdraw(application=other, by=people.provider)
    Call.objects.filter(pk=call.pk).update(status=Call.Status.ASSESSMENT)
    applications.application_withdraw(application=application, by=people.member)
    with pytest.raises(TransitionError, match="withdrawn already"):
        applications.application_withdraw(application=application, by=people.member)


# Seed grants ---------------------------------------------------------------------


def test_a_grant_goes_to_partners_from_two_countries_who_met_here(people):
    call = open_call(people, **grant_fields())
    message = _refused(
        "amount",
        started_application,
        people=people,
        call=call,
        amount=call.grant_cap + 1,
    )
    assert "at most 5,000" in message or "at most 5000" in message
    application = started_application(people, call, amount=4_000)
    submit = {"application": application, "by": people.member}
    assert "Name the partnership" in _refused(
        "partnership", applications.application_submit, **submit
    )
    for partnership, why in (
        (entered(people), "entered directly"),
        (entered(people, title="Alone"), "entered directly"),
    ):
        applications.application_update(
            application=application, by=people.member, partnership=partnership
        )
        assert why in _refused("partnership", applications.application_submit, **submit)
    applications.application_update(
        application=application,
        by=people.member,
        partnership=matched_partnership(people),
    )
    submitted = applications.application_submit(**submit)
    assert submitted.status == Application.Status.SUBMITTED


def test_a_grant_needs_partners_from_two_countries(people):
    call = open_call(people, **grant_fields(needs_platform_partnership=False))
    malawian = entered(
        people,
        {"role": "provider", "country": people.malawi},
        title="Within Malawi",
    )
    malawian.participants.filter(organization=people.university).delete()
    application = started_application(people, call, amount=1_000, partnership=malawian)
    message = _refused(
        "partnership",
        applications.application_submit,
        application=application,
        by=people.member,
    )
    assert "two countries" in message


def test_only_grant_calls_take_an_amount(people):
    call = open_call(people)
    _refused("amount", started_application, people=people, call=call, amount=10)


# Documents ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "why"),
    [
        (pdf("proposal.pdf", b"Just words, not a PDF."), "none of them"),
        (pdf("empty.pdf", b""), "empty"),
        (pdf("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES), "at most 10 MB"),
    ],
)
def test_a_document_that_is_not_what_it_claims_is_refused(people, upload, why):
    application = started_application(people, open_call(people))
    message = _refused(
        "file",
        documents.document_add_to_application,
        application=application,
        by=people.member,
        upload=upload,
    )
    assert why in message
    assert not Document.objects.exists()


def test_documents_are_served_only_to_those_allowed(client, people):
    call = open_call(people)
    application = started_application(people, call)
    document = documents.document_add_to_application(
        application=application, by=people.member, upload=pdf()
    )
    assert document.kind == "pdf" and document.name == "proposal.pdf"
    assert "proposal" not in document.file.name  # stored under its uuid
    url = document.get_absolute_url()
    for who, status in (
        (people.member, 200),
        (people.coordinator, 200),
        (people.secretariat, 200),
        (people.provider, 404),
        (people.outsider, 404),
        (None, 404),
    ):
        visitor = Client()
        if who is not None:
            visitor.force_login(who)
        response = visitor.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"]
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_calls_own_documents_are_public_with_it(client, people):
    call = open_call(people)
    document = documents.document_add_to_call(
        call=call, by=people.coordinator, upload=pdf("terms.pdf")
    )
    assert client.get(document.get_absolute_url()).status_code == 200
    assert "terms.pdf" in text(client.get(call.get_absolute_url()))
    with pytest.raises(documents.PermissionDenied):
        documents.document_add_to_call(call=call, by=people.member, upload=pdf())


def test_attaching_and_removing_on_the_pages(
    client, people, django_capture_on_commit_callbacks
):
    application = started_application(people, open_call(people))
    client.force_login(people.member)
    url = reverse("calls:application_document_add", args=[application.uuid])
    client.post(url, {"file": pdf("budget.pdf")})
    document = Document.objects.get()
    client.post(url, {"file": pdf("fake.pdf", b"plain text")})
    page = text(client.get(application.get_absolute_url(), follow=True))
    assert "budget.pdf" in page and Document.objects.count() == 1
    response = client.post(url, {"file": pdf("fake.pdf", b"plain text")}, follow=True)
    assert "whatever its name says" in text(response)
    remove = reverse("calls:document_remove", args=[document.uuid])
    assert client.get(remove).status_code == 200  # asks first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(remove)
    assert not Document.objects.exists()
    assert not document.file.storage.exists(document.file.name)


def test_the_call_s_applications_are_for_those_who_run_it(client, people):
    call = open_call(people)
    submitted_application(people, call)
    url = reverse("calls:applications", args=[call.uuid])
    client.force_login(people.coordinator)
    assert "Lilongwe Wetlands Trust as host" in text(client.get(url))
    client.force_login(people.provider)
    assert client.get(url).status_code == 403
    assert answers_for(call)


# API ----------------------------------------------------------------------------


def test_the_api_applies_answers_and_submits(client, people):
    call = open_call(people)
    body = {
        "organization": str(people.ngo.uuid),
        "title": "Host by API",
        "summary": "We coordinate.",
        "answers": [{"criterion": 1, "text": "Networks."}],
    }
    path = f"/calls/{call.uuid}/applications"
    response = api(client, "POST", path, body, user=people.member)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["region"] == "014"
    assert created["answers"] == [{"criterion": 1, "text": "Networks."}]
    moves = f"/applications/{created['uuid']}/transitions"
    response = api(client, "POST", moves, {"action": "submit"}, user=people.member)
    assert response.status_code == 422 and "answers" in errors(response)
    answers = [{"criterion": n, "text": f"Answer {n}."} for n in range(1, 5)]
    patch = f"/applications/{created['uuid']}"
    response = api(client, "PATCH", patch, {"answers": answers}, user=people.member)
    assert response.status_code == 200 and len(response.json()["answers"]) == 4
    response = api(client, "POST", moves, {"action": "submit"}, user=people.member)
    assert response.json()["status"] == "submitted"
    mine = api(client, "GET", "/applications", user=people.member).json()
    assert [a["uuid"] for a in mine["items"]] == [created["uuid"]]
    assert (
        api(client, "GET", "/applications", user=people.provider).json()["count"] == 0
    )
    for who, status in ((people.provider, 404), (people.coordinator, 200)):
        assert api(client, "GET", patch, user=who).status_code == status
    assert api(client, "GET", patch).status_code == 404
    assert api(client, "GET", "/applications").json()["count"] == 0


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"organization": "00000000-0000-4000-8000-000000000000"}, "organization", 404),
        ({"region": "150"}, "region", 422),
        ({"amount": 10}, "amount", 422),
        ({"answers": [{"criterion": 9, "text": "No such."}]}, "answers", 422),
        ({"title": " "}, "title", 422),
    ],
)
def test_bad_application_input_is_named_in_the_api(
    client, people, change, field, status
):
    call = open_call(people)
    body = {"organization": str(people.ngo.uuid), "title": "T", "summary": "S"}
    path = f"/calls/{call.uuid}/applications"
    response = api(client, "POST", path, body | change, user=people.member)
    assert response.status_code == status, response.content
    assert any(name and name.startswith(field) for name in errors(response))
    assert not Application.objects.exists()


def test_the_api_refuses_a_late_application_with_409(client, people):
    call = past_closing(open_call(people))
    body = {"organization": str(people.ngo.uuid), "title": "T", "summary": "S"}
    response = api(
        client, "POST", f"/calls/{call.uuid}/applications", body, user=people.member
    )
    assert response.status_code == 409
    assert "closed on" in response.json()["errors"][0]["message"]
