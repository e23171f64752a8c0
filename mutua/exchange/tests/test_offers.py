"""Offers drafted, changed, published, paused and renewed by their provider."""

import datetime as dt

import pytest
from django.utils import timezone

from mutua.exchange.models import Offer
from mutua.testing.builders import TODAY
from mutua.testing.builders import offer
from mutua.testing.builders import offer_body
from mutua.testing.builders import offer_fields
from mutua.testing.builders import published_offer
from mutua.testing.http import act_url
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def focal_point_offer(client, people, **changes):
    """Malawi's focal point posts the new-offer page: a study tour offered by the
    country, with the `changes` given."""
    client.force_login(people.focal_point)
    data = {
        "country": people.malawi.pk,
        "title": "Study tour of Lake Malawi park",
        "description": "A week with the park's rangers.",
        "capacity": "1",
        "serves_as": "limit",
        "valid_until": (TODAY() + dt.timedelta(days=90)).isoformat(),
    }
    return client.post("/offers/new/", data | changes)


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
    response = focal_point_offer(client, people)
    assert response.status_code == 302
    assert Offer.objects.get().organization is None
    assert Offer.objects.get().serves_as == Offer.Serves.LIMIT


def test_where_an_offer_serves_is_a_limit_or_a_preference_only(client, people):
    response = focal_point_offer(client, people, serves_as="sometimes")
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


def test_only_the_provider_edits_an_offer(client, people):
    listing = offer(people)
    client.force_login(people.outsider)
    response = client.post(f"/offers/{listing.uuid}/edit/", {"title": "Mine now"})
    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.title != "Mine now"


def test_the_offer_edit_form_keeps_the_provider(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    body = text(client.get(f"/offers/{listing.uuid}/edit/"))
    assert 'name="organization"' not in body and 'name="country"' not in body
    assert 'name="serves_regions"' in body


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


def test_a_provider_pauses_and_renews_an_offer(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    client.post(act_url(listing, "pause"))
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PAUSED
    until = TODAY() + dt.timedelta(days=400)
    client.post(act_url(listing, "renew"), {"valid_until": until.isoformat()})
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PUBLISHED and listing.valid_until == until


def test_renewing_into_the_past_or_with_no_date_is_an_error(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    for value in ("", "not-a-date", "2001-01-01"):
        response = client.post(
            act_url(listing, "renew"), {"valid_until": value}, follow=True
        )
        assert "Renew until a date in the future." in text(response)


def test_owners_may_not_expire_and_others_may_not_act_on_offers(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    assert client.post(act_url(listing, "expire")).status_code == 403
    client.force_login(people.outsider)
    assert client.post(act_url(listing, "pause")).status_code == 403
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PUBLISHED


def test_a_provider_drafts_publishes_and_renews_an_offer(client, people):
    response = call(
        client,
        "POST",
        "/offers",
        offer_body(
            organization=str(people.university.uuid),
            serves_everywhere=False,
            serves_regions=["014", "202"],
            serves_countries=["MWI"],
            serves_as="limit",
        ),
        user=people.provider,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["country"] == "ZAF" and body["status"] == "draft"
    assert sorted(body["serves_regions"]) == ["014", "202"]
    assert body["serves_countries"] == ["MWI"] and body["serves_as"] == "limit"
    assert body["places_left"] == body["capacity"]
    assert call(client, "GET", f"/offers/{body['uuid']}").status_code == 404
    path = f"/offers/{body['uuid']}/transitions"
    response = call(client, "POST", path, {"action": "publish"}, user=people.provider)
    assert response.json()["status"] == "published"
    listed = call(client, "GET", "/offers?country=ZAF&target=4").json()
    assert [item["uuid"] for item in listed["items"]] == [body["uuid"]]
    response = call(client, "POST", path, {"action": "renew"}, user=people.provider)
    assert errors(response) == {"valid_until": "Renew until a date in the future."}
    later = str(timezone.localdate() + dt.timedelta(days=400))
    response = call(
        client,
        "POST",
        path,
        {"action": "renew", "valid_until": later},
        user=people.provider,
    )
    assert response.status_code == 200 and response.json()["valid_until"] == later
    response = call(client, "POST", path, {"action": "expire"}, user=people.provider)
    assert response.status_code == 422 and "action" in errors(response)


def test_only_the_provider_changes_an_offer(client, people):
    offer = published_offer(people)
    for user in (people.outsider, people.member, people.focal_point):
        response = call(
            client, "PATCH", f"/offers/{offer.uuid}", {"title": "Mine"}, user=user
        )
        assert response.status_code == 403
        response = call(
            client,
            "POST",
            f"/offers/{offer.uuid}/transitions",
            {"action": "withdraw"},
            user=user,
        )
        assert response.status_code == 403
    response = call(
        client,
        "PATCH",
        f"/offers/{offer.uuid}",
        {"capacity": 5, "eligibility": ["SIDS", "LDC"]},
        user=people.provider,
    )
    assert response.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.capacity, offer.status) == (
        offer_fields()["title"],
        5,
        "published",
    )


def test_offer_inputs_are_validated(client, people):
    org = str(people.university.uuid)
    for body, field in [
        (offer_body(organization=org, capacity=0), "capacity"),
        (offer_body(organization=org, capacity=1001), "capacity"),
        (offer_body(organization=org, eligibility=["RICH"]), "eligibility.0"),
        (offer_body(organization=org, serves_regions=["999"]), "serves_regions.0"),
        (offer_body(organization=org, serves_countries=["XXX"]), "serves_countries.0"),
        (offer_body(organization=org, serves_as="sometimes"), "serves_as"),
        (offer_body(organization=org, valid_until="soon"), "valid_until"),
        (offer_body(), "organization"),
    ]:
        response = call(client, "POST", "/offers", body, user=people.provider)
        assert response.status_code == 422, body
        assert field in errors(response), response.json()
    response = call(
        client,
        "POST",
        "/offers",
        offer_body(organization=org, country="MWI"),
        user=people.provider,
    )
    assert response.status_code == 403
    assert not Offer.objects.exists()
