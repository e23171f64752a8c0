"""Drafting a request, on its form and through the API: who may submit for whom,
and the Akwé: Kon question."""

from decimal import Decimal

import pytest

from mutua.exchange.models import Request
from mutua.testing.builders import request_body
from mutua.testing.builders import request_form_data
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status


@pytest.mark.parametrize(
    "url",
    [
        "/requests/new/",
        "/offers/new/",
        "/opportunities/new/",
        "/me/",
        "/review/",
        "/endorse/",
    ],
)
def test_writing_pages_send_visitors_to_log_in(client, people, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_member_drafts_a_request_for_its_organization(client, people):
    client.force_login(people.member)
    assert client.get("/requests/new/").status_code == 200
    response = client.post("/requests/new/", request_form_data(people))
    request = Request.objects.get(title="Seagrass mapping along the lake shore")
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert request.status == S.DRAFT and request.organization == people.ngo
    assert request.created_by == people.member
    assert request.beneficiaries == ["iplc", "women"]
    assert sorted(request.targets.values_list("number", flat=True)) == [2, 20]
    body = text(client.get(response["Location"]))
    assert "Draft saved" in body and ">Submit</button>" in body


def test_a_focal_point_drafts_a_request_without_an_organization(client, people):
    client.force_login(people.focal_point)
    response = client.post("/requests/new/", request_form_data(people, organization=""))
    assert response.status_code == 302
    assert Request.objects.get().organization is None


def test_the_request_form_offers_only_what_the_user_may_submit_for(client, people):
    client.force_login(people.member)
    body = text(client.get("/requests/new/"))
    assert "Lilongwe Wetlands Trust" in body and "University of Cape Town" not in body
    assert ">Malawi</option>" in body and ">South Africa</option>" not in body
    assert "Target 20 — " in body


def test_a_member_may_not_request_for_another_organization(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(
            people, country=people.south_africa.pk, organization=people.university.pk
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not Request.objects.exists()


def test_a_member_may_not_leave_the_organization_empty(client, people):
    client.force_login(people.member)
    response = client.post("/requests/new/", request_form_data(people, organization=""))
    assert "only focal points may leave it empty" in text(response)
    assert not Request.objects.exists()


def test_someone_without_an_organization_or_country_is_refused(client, people):
    client.force_login(people.outsider)
    for url in ("/requests/new/", "/offers/new/", "/opportunities/new/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "member" in text(response)
    response = client.post("/requests/new/", request_form_data(people))
    assert response.status_code == 403
    assert not Request.objects.exists()


def test_a_draft_may_leave_the_akwe_kon_question_open_but_not_a_submitted_request(
    client, people
):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/", request_form_data(people, touches_iplc_lands=None)
    )
    request = Request.objects.get()
    assert response["Location"] == request.get_absolute_url()
    assert request.touches_iplc_lands == ""
    body = text(client.get(request.get_absolute_url()))
    assert "communities?" in body[body.index("Not given") :]
    response = client.post(f"/requests/{request.uuid}/act/submit/", follow=True)
    assert "yes, no or not known" in text(response)
    client.post(
        f"/requests/{request.uuid}/edit/",
        request_form_data(people, touches_iplc_lands="unknown"),
    )
    client.post(f"/requests/{request.uuid}/act/submit/")
    request.refresh_from_db()
    assert request.status == "submitted" and request.touches_iplc_lands == "unknown"
    response = client.post(
        f"/requests/{request.uuid}/edit/",
        request_form_data(people, touches_iplc_lands=None),
    )
    assert response.status_code == 200
    assert 'id="id_touches_iplc_lands_error"><li>Answer yes, no or not known.' in text(
        response
    )
    request.refresh_from_db()
    assert request.touches_iplc_lands == "unknown"


def test_a_member_drafts_a_request_with_codes(client, people):
    response = call(
        client,
        "POST",
        "/requests",
        request_body(
            organization=str(people.ngo.uuid),
            budget_amount="12000.50",
            budget_currency="USD",
            start_date="2026-03-01",
            end_date="2026-12-31",
        ),
        user=people.member,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    request = Request.objects.get(uuid=body["uuid"])
    assert request.status == S.DRAFT and request.created_by == people.member
    assert (request.country, request.organization) == (people.malawi, people.ngo)
    assert sorted(request.targets.values_list("number", flat=True)) == [4, 20]
    assert list(request.modalities.values_list("code", flat=True)) == ["joint_training"]
    assert request.budget_amount == 12000.5
    assert body["budget_amount"] == "12000.50"
    assert body["page_url"].endswith(f"/requests/{request.uuid}/")
    assert body["status"] == "draft" and body["created_at"]


def test_outsiders_may_not_request_for_a_country(client, people):
    for user, body in [
        (people.outsider, request_body()),
        (people.provider, request_body()),
        (people.provider, request_body(organization=str(people.university.uuid))),
    ]:
        response = call(client, "POST", "/requests", body, user=user)
        assert response.status_code in (403, 422)
        assert response.json()["errors"]
    response = call(client, "POST", "/requests", request_body(), user=people.outsider)
    assert response.status_code == 403
    assert errors(response) == {
        None: "Only the country's focal points and its organizations' members "
        "may submit requests for it."
    }
    assert not Request.objects.exists()


def test_amounts_are_numbers_or_digits_kept_to_the_cent(client, people):
    for amount, kept in [(1500.504, "1500.50"), ("1500.5", "1500.50"), (7, "7.00")]:
        body = request_body(budget_amount=amount, budget_currency="USD")
        response = call(client, "POST", "/requests", body, user=people.focal_point)
        assert response.status_code == 201, response.content
        assert Request.objects.get(uuid=response.json()["uuid"]).budget_amount == (
            Decimal(kept)
        )
    for amount in ["", "1e5", "12,50", True, -1, 10**12]:
        body = request_body(budget_amount=amount, budget_currency="USD")
        response = call(client, "POST", "/requests", body, user=people.focal_point)
        assert response.status_code == 422, amount
        assert "budget_amount" in errors(response)


def test_a_member_who_names_no_organization_is_told_it_is_missing(client, people):
    response = call(client, "POST", "/requests", request_body(), user=people.member)
    assert response.status_code == 403
    assert errors(response) == {
        "organization": "Name the organization you submit this request for."
    }
    assert not Request.objects.exists()
    body = request_body(organization=str(people.ngo.uuid))
    response = call(client, "POST", "/requests", body, user=people.member)
    assert response.status_code == 201, response.content


def test_the_akwe_kon_question_is_open_in_a_draft_and_answered_to_submit(
    client, people
):
    body = request_body(organization=str(people.ngo.uuid))
    response = call(client, "POST", "/requests", body, user=people.member)
    assert response.status_code == 201 and response.json()["touches_iplc_lands"] is None
    path = f"/requests/{response.json()['uuid']}"
    response = call(
        client, "POST", f"{path}/transitions", {"action": "submit"}, user=people.member
    )
    assert response.status_code == 422
    assert "yes, no or not known" in errors(response)["touches_iplc_lands"]
    response = call(
        client, "PATCH", path, {"touches_iplc_lands": "unknown"}, user=people.member
    )
    assert response.json()["touches_iplc_lands"] == "unknown"
    response = call(
        client, "POST", f"{path}/transitions", {"action": "submit"}, user=people.member
    )
    assert response.json()["status"] == "submitted"
    response = call(
        client, "PATCH", path, {"touches_iplc_lands": None}, user=people.member
    )
    assert response.status_code == 422 and "touches_iplc_lands" in errors(response)
