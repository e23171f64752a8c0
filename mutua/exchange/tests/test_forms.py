import datetime as dt

import pytest
from django.utils import timezone

from mutua.exchange import services
from mutua.exchange.models import Offer, Opportunity, Request
from mutua.testing.builders import draft, offer, published, request_form_data
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status
TODAY = timezone.localdate


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


def test_missing_required_fields_are_named_next_to_the_fields(client, people):
    client.force_login(people.member)
    response = client.post("/requests/new/", {})
    body = text(response)
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in body
    assert 'href="#id_title">Title: This field is required.' in body
    assert 'id="id_challenge_error"' in body
    assert not Request.objects.exists()


def test_over_long_text_is_refused_with_the_field_named(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, title="x" * 201, barriers="y" * 5001),
    )
    body = text(response)
    assert "Title: Ensure this value has at most 200 characters" in body
    assert "at most 5000 characters" in body
    assert not Request.objects.exists()


def test_the_services_rules_come_back_as_field_errors(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/", request_form_data(people, budget_amount="10")
    )
    body = text(response)
    assert (
        'href="#id_budget_currency">Currency: Give the currency of the budget.' in body
    )
    assert not Request.objects.exists()


@pytest.mark.parametrize("code", ["US$", "XYZ"])
def test_a_currency_must_be_an_iso_4217_code(client, people, code):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, budget_amount="10", budget_currency=code),
    )
    assert "Currency: Choose an ISO 4217 currency from the list." in text(response)
    assert not Request.objects.exists()


def test_the_currency_is_picked_from_a_list_and_read_in_any_case(client, people):
    client.force_login(people.member)
    page = text(client.get("/requests/new/"))
    assert '<select name="budget_currency"' in page
    assert '<option value="MWK">MWK — Malawi Kwacha</option>' in page
    client.post(
        "/requests/new/",
        request_form_data(people, budget_amount="10", budget_currency="mwk"),
    )
    assert Request.objects.get().budget_currency == "MWK"


def test_field_and_cross_field_errors_come_in_one_round(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(
            people,
            title="x" * 201,
            budget_amount="10",
            start_date="2026-05-01",
            end_date="2026-04-01",
        ),
    )
    body = text(response)
    assert "Title: Ensure this value has at most 200 characters" in body
    assert 'href="#id_end_date">End: The end comes before the start.' in body
    assert "Currency: Give the currency of the budget." in body
    assert not Request.objects.exists()


def test_an_end_before_the_start_is_shown_on_the_end_date(client, people):
    client.force_login(people.member)
    response = client.post(
        "/requests/new/",
        request_form_data(people, start_date="2026-05-01", end_date="2026-04-01"),
    )
    assert 'href="#id_end_date">End: The end comes before the start.' in text(response)


def test_html_typed_in_the_form_is_stored_as_text_and_shown_escaped(client, people):
    client.force_login(people.member)
    client.post(
        "/requests/new/",
        request_form_data(people, challenge="<b>bold</b> <script>x()</script>"),
    )
    request = Request.objects.get()
    assert request.challenge == "<b>bold</b> <script>x()</script>"
    body = text(client.get(request.get_absolute_url()))
    assert "&lt;script&gt;x()&lt;/script&gt;" in body and "<script>x()" not in body


def test_the_owner_edits_a_draft(client, people):
    request = draft(people)
    client.force_login(people.member)
    body = text(client.get(f"/requests/{request.uuid}/edit/"))
    assert 'name="country"' not in body  # who asks is settled at creation
    data = request_form_data(people, title="Barcoding, revised", targets=["4"])
    response = client.post(f"/requests/{request.uuid}/edit/", data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Barcoding, revised" and request.organization == people.ngo
    assert list(request.targets.values_list("number", flat=True)) == [4]


def test_a_published_request_cannot_be_edited_by_its_owner(client, people):
    request = published(people)
    client.force_login(people.focal_point)
    response = client.post(
        f"/requests/{request.uuid}/edit/", request_form_data(people, title="Changed")
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.title != "Changed"


def test_someone_elses_draft_cannot_be_edited(client, people):
    request = draft(people)
    client.force_login(people.provider)
    assert client.get(f"/requests/{request.uuid}/edit/").status_code == 404


def test_form_pages_refuse_other_methods(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.put("/requests/new/").status_code == 405
    assert client.delete(f"/requests/{request.uuid}/edit/").status_code == 405


def test_a_provider_drafts_an_offer(client, people):
    client.force_login(people.provider)
    response = client.post(
        "/offers/new/",
        {
            "organization": people.university.pk,
            "title": "Seed bank curation course",
            "description": "Hands-on course on seed bank curation.",
            "capacity": "3",
            "valid_until": (TODAY() + dt.timedelta(days=90)).isoformat(),
            "eligibility": ["LDC", "SIDS"],
            "serves_everywhere": "on",
            "serves_as": "preference",
            "languages": [],
        },
    )
    assert response.status_code == 302
    listing = Offer.objects.get()
    assert listing.status == Offer.Status.DRAFT
    assert listing.country == people.south_africa
    assert listing.eligibility == ["LDC", "SIDS"]


def test_a_focal_point_offers_on_behalf_of_its_country(client, people):
    client.force_login(people.focal_point)
    response = client.post(
        "/offers/new/",
        {
            "country": people.malawi.pk,
            "title": "Study tour of Lake Malawi park",
            "description": "A week with the park's rangers.",
            "capacity": "1",
            "serves_as": "limit",
            "valid_until": (TODAY() + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Offer.objects.get().organization is None
    assert Offer.objects.get().serves_as == Offer.Serves.LIMIT


def test_where_an_offer_serves_is_a_limit_or_a_preference_only(client, people):
    client.force_login(people.focal_point)
    response = client.post(
        "/offers/new/",
        {
            "country": people.malawi.pk,
            "title": "Study tour",
            "description": "A week with the park's rangers.",
            "capacity": "1",
            "serves_as": "sometimes",
            "valid_until": (TODAY() + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "The regions and countries served are: Select a valid choice" in text(
        response
    )
    assert not Offer.objects.exists()


def test_an_offer_needs_its_end_of_validity_and_a_positive_capacity(client, people):
    client.force_login(people.provider)
    response = client.post(
        "/offers/new/",
        {
            "organization": people.university.pk,
            "title": "Course",
            "description": "A course.",
            "capacity": "0",
        },
    )
    body = text(response)
    assert "Valid until: This field is required." in body
    assert (
        "Engagements at once: Ensure this value is greater than or equal to 1" in body
    )
    assert not Offer.objects.exists()


def test_a_provider_drafts_and_edits_an_opportunity(client, people):
    client.force_login(people.provider)
    data = {
        "organization": people.university.pk,
        "title": "Travel grants",
        "description": "Travel grants for partners.",
        "how_to_apply": "Write to us.",
        "deadline": (TODAY() + dt.timedelta(days=30)).isoformat(),
        "amount": "5000",
        "currency": "usd",
        "beneficiaries": ["youth"],
    }
    assert client.post("/opportunities/new/", data).status_code == 302
    call = Opportunity.objects.get()
    assert call.currency == "USD" and call.beneficiaries == ["youth"]
    data["title"] = "Travel grants 2026"
    response = client.post(f"/opportunities/{call.uuid}/edit/", data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title == "Travel grants 2026"


def test_an_opportunity_amount_needs_a_currency(client, people):
    client.force_login(people.provider)
    response = client.post(
        "/opportunities/new/",
        {
            "organization": people.university.pk,
            "title": "Grants",
            "description": "Grants.",
            "how_to_apply": "Write.",
            "deadline": (TODAY() + dt.timedelta(days=30)).isoformat(),
            "amount": "5000",
        },
    )
    assert 'href="#id_currency">Currency: Give the currency of the amount.' in text(
        response
    )
    assert not Opportunity.objects.exists()


def test_only_the_provider_edits_an_offer(client, people):
    listing = offer(people)
    client.force_login(people.outsider)
    response = client.post(f"/offers/{listing.uuid}/edit/", {"title": "Mine now"})
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.title != "Mine now"


def test_a_reviewer_may_edit_a_request_under_review(client, people):
    from mutua.testing.builders import under_review

    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(
        f"/requests/{request.uuid}/edit/",
        request_form_data(people, title="Barcoding, clarified"),
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Barcoding, clarified" and request.organization is None


def test_the_offer_edit_form_keeps_the_provider(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    body = text(client.get(f"/offers/{listing.uuid}/edit/"))
    assert 'name="organization"' not in body and 'name="country"' not in body
    assert 'name="serves_regions"' in body


def test_only_the_funder_edits_an_opportunity(client, people):
    from mutua.testing.builders import opportunity

    call = opportunity(people)
    client.force_login(people.member)
    assert client.get(f"/opportunities/{call.uuid}/edit/").status_code == 403
    response = client.post(f"/opportunities/{call.uuid}/edit/", {"title": "Ours"})
    assert response.status_code == 403
    call.refresh_from_db()
    assert call.title != "Ours"


def test_a_focal_point_without_an_organization_may_not_offer_funding(client, people):
    client.force_login(people.focal_point)
    assert client.get("/opportunities/new/").status_code == 403


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


def test_an_offer_shows_its_field_and_date_errors_in_one_round(client, people):
    client.force_login(people.provider)
    response = client.post(
        "/offers/new/",
        {
            "organization": people.university.pk,
            "title": "Course",
            "description": "A course.",
            "capacity": "0",
            "valid_from": "2026-05-01",
            "valid_until": "2026-04-01",
        },
    )
    body = text(response)
    assert (
        "Engagements at once: Ensure this value is greater than or equal to 1" in body
    )
    assert "Valid until: The end comes before the start." in body
    assert not Offer.objects.exists()


def test_an_opportunity_shows_its_field_and_cross_field_errors_in_one_round(
    client, people
):
    client.force_login(people.provider)
    response = client.post(
        "/opportunities/new/",
        {
            "organization": people.university.pk,
            "title": "Grants",
            "description": "Grants.",
            "how_to_apply": "Write.",
            "deadline": "not a date",
            "amount": "100",
            "currency": "XYZ",
            "start_date": "2026-05-01",
            "end_date": "2026-04-01",
        },
    )
    body = text(response)
    assert "Deadline: Enter a valid date." in body
    assert "Currency: Choose an ISO 4217 currency from the list." in body
    assert "End: The end comes before the start." in body
    assert not Opportunity.objects.exists()


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_the_newer_value(
    client, people
):
    client.force_login(people.member)
    shown = request_form_data(people)
    client.post("/requests/new/", shown)
    request = Request.objects.get()
    body = text(client.get(f"/requests/{request.uuid}/edit/"))
    assert 'name="initial-title"' in body
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    services.request_update(request=request, by=people.member, title="Theirs")
    response = client.post(
        f"/requests/{request.uuid}/edit/", {**shown, **as_shown, "title": "Mine"}
    )
    assert response.status_code == 200
    assert "Someone else changed this meanwhile to “Theirs”" in text(response)
    request.refresh_from_db()
    assert request.title == "Theirs"
    # The page now carries the newer value: saving again replaces it.
    assert 'name="initial-title" value="Theirs"' in text(response)
    again = {**shown, **as_shown, "initial-title": "Theirs", "title": "Mine"}
    assert client.post(f"/requests/{request.uuid}/edit/", again).status_code == 302
    request.refresh_from_db()
    assert request.title == "Mine"


def test_an_edit_of_another_field_keeps_what_changed_meanwhile(client, people):
    client.force_login(people.member)
    shown = request_form_data(people)
    client.post("/requests/new/", shown)
    request = Request.objects.get()
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    services.request_update(request=request, by=people.member, title="Theirs")
    response = client.post(
        f"/requests/{request.uuid}/edit/",
        {**shown, **as_shown, "challenge": "Mine"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.title, request.challenge) == ("Theirs", "Mine")


def test_text_and_lists_that_come_back_unchanged_from_the_page_are_no_conflict(
    client, people
):
    request = draft(people, challenge="Two lines\nof text ", beneficiaries=["youth"])
    services.request_update(
        request=request, by=people.member, beneficiaries=["youth", "iplc"]
    )
    client.force_login(people.member)
    shown = request_form_data(
        people, challenge="Two lines\r\nof text", beneficiaries=["iplc", "youth"]
    )
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    changed = {"challenge": "Mine", "beneficiaries": ["women"]}
    response = client.post(
        f"/requests/{request.uuid}/edit/", {**shown, **as_shown, **changed}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.challenge, request.beneficiaries) == ("Mine", ["women"])
