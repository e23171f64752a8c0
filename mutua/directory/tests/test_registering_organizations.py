"""Registering an organization and editing it, on pages and through the API:
its admin, bad input, names already taken, a country that stays, stale edits."""

import uuid

import pytest
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import Country
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.exchange.services import requests as exchange
from mutua.testing.builders import NEW_ORG
from mutua.testing.builders import request_fields
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


# Registering -----------------------------------------------------------------


def test_a_signed_in_user_registers_an_organization_and_becomes_its_admin(
    client, people
):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:organization_new"), NEW_ORG)
    created = Organization.objects.get(name="Lake Chilwa Fishers")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.country == people.malawi and created.type == "grassroots"
    assert Membership.objects.get(organization=created).user == people.outsider
    assert Membership.objects.get(organization=created).is_admin
    assert "fishers" in created.search_text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"country": "XXX"}, "country", "Choose a country from the list"),
        ({"country": ""}, "country", "This field is required"),
        ({"type": "spaceship"}, "type", "Select a valid choice"),
        ({"name": "n" * 201}, "name", "at most 200 characters"),
        ({"description": "d" * 5001}, "description", "at most 5000 characters"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL"),
    ],
)
def test_bad_organization_input_gets_a_message_by_its_field(
    client, people, change, field, message
):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:organization_new"), NEW_ORG | change)
    assert response.status_code == 200
    assert message in text(response)
    assert f'id="id_{field}_error"' in text(response)
    assert not Organization.objects.filter(name__startswith="Lake Chilwa").exists()


def test_a_second_organization_of_the_same_name_and_country_is_refused(client, people):
    client.force_login(people.outsider)
    response = client.post(
        reverse("directory:organization_new"),
        NEW_ORG | {"name": people.ngo.name},
    )
    assert "already exists" in text(response)
    assert Organization.objects.filter(name=people.ngo.name).count() == 1


def test_markup_in_an_organization_is_shown_as_text(client, people):
    client.force_login(people.outsider)
    client.post(
        reverse("directory:organization_new"),
        NEW_ORG | {"name": "<script>alert(1)</script>", "description": "<b>bold</b>"},
    )
    created = Organization.objects.get(name="<script>alert(1)</script>")
    for url in [created.get_absolute_url(), "/organizations/?q=script"]:
        page = text(client.get(url))
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>bold</b>" not in text(client.get(created.get_absolute_url()))


def test_a_signed_in_user_registers_an_organization_and_administers_it(client, people):
    body = {
        "name": "Mzuzu Seed Bank",
        "country": "MWI",
        "type": "grassroots",
        "website": "https://seeds.example.org",
        "description": "<b>Local</b> seed saving.",
    }
    response = call(client, "POST", "/organizations", body, user=people.outsider)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["description"] == "<b>Local</b> seed saving."
    organization = Organization.objects.get(uuid=created["uuid"])
    assert organization.country == people.malawi
    assert Membership.objects.get(organization=organization).user == people.outsider
    assert organization.search_text


def test_registering_is_idempotent_on_a_client_id(client, people):
    body = {
        "uuid": str(uuid.uuid4()),
        "name": "Blantyre Bird Club",
        "country": "MWI",
        "type": "ngo",
    }
    first = call(client, "POST", "/organizations", body, user=people.outsider)
    again = call(client, "POST", "/organizations", body, user=people.outsider)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Organization.objects.filter(name="Blantyre Bird Club").count() == 1


def test_another_users_organization_id_answers_not_found(client, people):
    body = {"name": "Blantyre Bird Club", "country": "MWI", "type": "ngo"}
    taken = {**body, "uuid": str(people.ngo.uuid)}
    response = call(client, "POST", "/organizations", taken, user=people.outsider)
    assert response.status_code == 404
    assert errors(response) == {"uuid": "No record of yours has this id."}
    assert people.ngo.name not in response.content.decode()
    assert not Organization.objects.filter(name="Blantyre Bird Club").exists()


def test_registering_needs_an_account(client, people):
    body = {"name": "Ghost NGO", "country": "MWI", "type": "ngo"}
    response = call(client, "POST", "/organizations", body)
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] is None
    assert not Organization.objects.filter(name="Ghost NGO").exists()


def test_organization_inputs_are_validated(client, people):
    for body, field, message in [
        ({"country": "MWI", "type": "ngo"}, "name", "Field required."),
        ({"name": "X", "country": "ZZZ", "type": "ngo"}, "country", None),
        ({"name": "X", "country": "MWI", "type": "cartel"}, "type", None),
        ({"name": "x" * 201, "country": "MWI", "type": "ngo"}, "name", None),
        (
            {"name": "X", "country": "MWI", "type": "ngo", "website": "nope"},
            "website",
            "Enter a web address such as https://example.org.",
        ),
        (
            {"name": "X", "country": "MWI", "type": "ngo", "verified": True},
            "verified",
            "Unknown field.",
        ),
    ]:
        response = call(client, "POST", "/organizations", body, user=people.outsider)
        assert response.status_code == 422, body
        found = errors(response)
        assert field in found, (body, found)
        if message:
            assert found[field] == message
    taken = {"name": "Lilongwe Wetlands Trust", "country": "MWI", "type": "ngo"}
    response = call(client, "POST", "/organizations", taken, user=people.outsider)
    # Well formed, but another organization holds the name: a conflict.
    assert response.status_code == 409
    assert errors(response) == {
        None: "Organization with this Name and Country already exists."
    }
    assert Organization.objects.count() == 2


# Editing ---------------------------------------------------------------------


def test_an_admin_edits_the_organization(client, people):
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert people.ngo.name in text(client.get(url))
    response = client.post(
        url, NEW_ORG | {"name": "Lilongwe Wetlands Trust (LWT)", "country": "MWI"}
    )
    people.ngo.refresh_from_db()
    assert response.status_code == 302 and people.ngo.name.endswith("(LWT)")
    assert people.ngo.description == "Fishers who monitor the lake."


def test_the_country_of_an_organization_with_requests_stays(client, people):
    exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    response = client.post(url, NEW_ORG | {"country": "ZAF"})
    assert "keeps its country" in text(response)
    people.ngo.refresh_from_db()
    assert people.ngo.country == people.malawi


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_the_newer_value(
    client, people
):
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert 'name="initial-name"' in text(client.get(url))
    shown = {"name": people.ngo.name, "country": "MWI", "type": "ngo", "website": ""}
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    services.organization_update(
        organization=people.ngo, by=people.member, name="Theirs", description="Ours"
    )
    response = client.post(url, shown | as_shown | {"name": "Mine"})
    assert "Someone else changed this meanwhile to “Theirs”" in text(response)
    people.ngo.refresh_from_db()
    assert people.ngo.name == "Theirs"
    website = "https://trust.example.org"
    response = client.post(url, shown | as_shown | {"website": website})
    assert response.status_code == 302
    people.ngo.refresh_from_db()
    assert (people.ngo.name, people.ngo.description, people.ngo.website) == (
        "Theirs",
        "Ours",
        website,
    )


def test_only_admins_change_an_organization(client, people):
    path = f"/organizations/{people.ngo.uuid}"
    for user in (people.outsider, people.provider, people.focal_point):
        response = call(client, "PATCH", path, {"name": "Taken over"}, user=user)
        assert response.status_code == 403
        assert errors(response) == {
            None: "Only the organization's admins may change it."
        }
    response = call(client, "PATCH", path, {"description": "Wetlands of Lake Malawi."})
    assert response.status_code == 401
    response = call(
        client,
        "PATCH",
        path,
        {"description": "Wetlands of Lake Malawi."},
        user=people.member,
    )
    assert response.status_code == 200
    people.ngo.refresh_from_db()
    assert people.ngo.name == "Lilongwe Wetlands Trust"
    assert people.ngo.description == "Wetlands of Lake Malawi."


def test_an_organization_with_requests_keeps_its_country(client, people):
    exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    path = f"/organizations/{people.ngo.uuid}"
    for body, field, status in [
        ({"country": "ZAF"}, "country", 409),
        ({"country": "XXX"}, "country", 422),
        ({"name": None}, "name", 422),
    ]:
        response = call(client, "PATCH", path, body, user=people.member)
        assert response.status_code == status, body
        assert field in errors(response)
    people.ngo.refresh_from_db()
    assert people.ngo.country == people.malawi


def test_an_organization_edit_on_a_stale_copy_is_refused(client, people):
    path = f"/organizations/{people.ngo.uuid}"
    services.organization_update(
        organization=people.ngo,
        by=people.member,
        country=Country.objects.get(iso3="KEN"),
    )
    response = call(
        client,
        "PATCH",
        path,
        {"country": "ZAF", "seen": {"country": "MWI"}},
        user=people.member,
    )
    assert response.status_code == 409, response.content
    assert "Kenya" in errors(response)["country"]
    response = call(
        client,
        "PATCH",
        path,
        {"country": "ZAF", "seen": {"country": "KEN"}},
        user=people.member,
    )
    assert response.status_code == 200, response.content
