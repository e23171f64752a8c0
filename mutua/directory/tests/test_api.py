"""The directory API: reference data, organizations, tokens and authentication."""

import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from mutua.directory import services
from mutua.directory.models import (
    ApiToken,
    Country,
    Language,
    Membership,
    Modality,
    Organization,
    Region,
    ResourceType,
    TargetGroup,
)
from mutua.exchange import services as exchange_services
from mutua.testing.builders import request_fields
from mutua.testing.http import call, errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


def registered(people, name: str, **fields) -> Organization:
    fields = {"country": people.malawi, "type": "ngo", **fields}
    return services.organization_create(by=people.member, name=name, **fields)


# Reference data ----------------------------------------------------------------


def test_countries_carry_their_regions_and_groups(client, people):
    response = call(client, "GET", "/countries")
    assert response.status_code == 200
    countries = {c["iso3"]: c for c in response.json()}
    assert len(countries) == 248
    malawi = countries["MWI"]
    assert (malawi["region"], malawi["subregion"], malawi["intermediate_region"]) == (
        "002",
        "202",
        "014",
    )
    assert set(malawi["groups"]) == {"LDC", "LLDC", "developing"}


def test_countries_filter_by_region_and_group(client, people):
    def iso3s(query: str) -> set[str]:
        response = call(client, "GET", f"/countries?{query}")
        assert response.status_code == 200, response.content
        return {c["iso3"] for c in response.json()}

    eastern_africa = iso3s("region=014")
    assert "MWI" in eastern_africa and "ZAF" not in eastern_africa
    assert iso3s("region=014&group=SIDS") >= {"MUS", "SYC"}
    assert "MWI" not in iso3s("group=SIDS")
    assert "DEU" in iso3s("group=developed")


def test_unknown_reference_filters_are_named(client, people):
    response = call(client, "GET", "/countries?region=999")
    assert response.status_code == 422
    assert errors(response) == {"region": "Unknown code: 999."}
    response = call(client, "GET", "/countries?group=rich")
    assert response.status_code == 422 and "group" in errors(response)
    response = call(client, "GET", "/countries?region=1234")
    assert response.status_code == 422 and "region" in errors(response)


def test_the_description_declares_every_code_the_database_holds(client, people):
    """Codes are declared from the shipped files; they are what was loaded."""
    declared = client.get("/api/openapi.json").json()["components"]["schemas"]
    for name, model, key in [
        ("CountryCode", Country, "iso3"),
        ("RegionCode", Region, "code"),
        ("ModalityCode", Modality, "code"),
        ("ResourceCode", ResourceType, "code"),
        ("LanguageCode", Language, "code"),
        ("TargetGroupCode", TargetGroup, "code"),
    ]:
        held = set(model.objects.values_list(key, flat=True))
        assert set(declared[name]["enum"]) == held, name


def test_free_text_is_declared_without_nul(client, people):
    declared = client.get("/api/openapi.json").json()
    q = next(
        p
        for p in declared["paths"]["/api/v1/requests"]["get"]["parameters"]
        if p["name"] == "q"
    )
    assert q["schema"]["pattern"] == "^[^\\u0000]*$"
    title = declared["components"]["schemas"]["RequestCreate"]["properties"]["title"]
    assert {"pattern": "^[^\\u0000]*$"} in title["allOf"]


def test_taxonomies_are_listed_with_their_codes(client, people):
    gbf = call(client, "GET", "/targets").json()
    assert [g["code"] for g in gbf["goals"]] == ["A", "B", "C", "D"]
    assert [t["number"] for t in gbf["targets"]] == list(range(1, 24))
    modalities = {m["code"] for m in call(client, "GET", "/modalities").json()}
    assert "joint_training" in modalities
    resources = {r["code"] for r in call(client, "GET", "/resource-types").json()}
    assert resources >= {"knowledge", "expertise", "technologies", "funding"}
    languages = {x["code"]: x["name"] for x in call(client, "GET", "/languages").json()}
    assert languages["fr"] == "French"
    regions = {r["code"]: r for r in call(client, "GET", "/regions").json()}
    assert regions["014"]["parent"] == "202" and regions["002"]["parent"] is None


# Organizations: reading --------------------------------------------------------


def test_organizations_are_listed_searched_and_filtered(client, people):
    wetlands = registered(
        people, "Shire River Wetland Watch", description="Wetland monitoring."
    )
    registered(people, "Zomba Plateau Foresters", type="grassroots")

    def names(query: str) -> list[str]:
        response = call(client, "GET", f"/organizations?{query}")
        assert response.status_code == 200, response.content
        return [o["name"] for o in response.json()["items"]]

    assert names("q=wetland") == ["Shire River Wetland Watch"]
    assert names("type=grassroots") == ["Zomba Plateau Foresters"]
    assert names("country=ZAF") == ["University of Cape Town"]
    assert "University of Cape Town" not in names("region=014&group=LDC")
    body = call(client, "GET", "/organizations?page_size=2&page=2").json()
    assert (body["count"], body["pages"], len(body["items"])) == (4, 2, 2)
    detail = call(client, "GET", f"/organizations/{wetlands.uuid}").json()
    assert detail["country"] == "MWI" and detail["type"] == "ngo"
    assert detail["page_url"] == f"http://testserver/organizations/{wetlands.uuid}/"


def test_organization_filters_are_validated(client, people):
    for query, field in [
        ("type=cartel", "type.0"),
        ("country=ZZZ", "country"),
        ("region=999", "region.0"),
        ("group=rich", "group.0"),
        ("page_size=0", "page_size"),
    ]:
        response = call(client, "GET", f"/organizations?{query}")
        assert response.status_code == 422, query
        assert field in errors(response), (query, response.json())
    response = call(client, "GET", "/organizations?page=9")
    assert response.status_code == 404 and "page" in errors(response)


def test_an_unknown_organization_is_404(client, people):
    response = call(client, "GET", f"/organizations/{uuid.uuid4()}")
    assert response.status_code == 404
    assert errors(response) == {None: "No such organization."}
    response = call(client, "GET", "/organizations/not-a-uuid")
    assert response.status_code == 422 and "uuid" in errors(response)


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_path_answers_a_json_404(client, people, settings, debug):
    settings.DEBUG = debug
    for path in ("/api/v1/no-such-thing", "/api/v2/requests", "/api/v1/requests/x/y"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.content[:400])
        assert response["Content-Type"] == "application/json", response.content[:500]
        assert response.json() == {
            "errors": [{"field": None, "message": "No such API endpoint."}]
        }
    response = client.post("/api/v1/no-such-thing", "{}", "application/json")
    assert response.status_code == 404 and response.json()["errors"]


def test_a_transition_refused_by_the_status_is_declared_as_a_conflict(client):
    operation = client.get("/api/openapi.json").json()["paths"][
        "/api/v1/requests/{uuid}/transitions"
    ]["post"]
    assert "409" in operation["responses"]


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
    exchange_services.request_create(
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


# Tokens ------------------------------------------------------------------------


def test_create_token_prints_a_key_that_authenticates(client, people):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_token", "outsider@example.org", "phone", stdout=out, stderr=err
    )
    key = out.getvalue().strip()
    assert key.startswith("mt_") and "keep this key secret" in err.getvalue()
    token = ApiToken.objects.get(user=people.outsider)
    assert token.name == "phone" and token.digest != key
    body = {"name": "Token Trust", "country": "MWI", "type": "ngo"}
    response = call(
        client,
        "POST",
        "/organizations",
        body,
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_create_token_refuses_unknown_accounts_and_empty_names(people):
    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("create_token", "nobody@example.org", "phone")
    with pytest.raises(CommandError, match="name"):
        call_command("create_token", "outsider@example.org", "  ")
    assert not ApiToken.objects.exists()


def test_a_token_of_a_deactivated_account_is_refused(client, people):
    _, key = services.api_token_create(user=people.member, name="old phone")
    people.member.is_active = False
    people.member.save()
    response = call(
        client, "GET", "/organizations", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 401
    assert errors(response) == {None: "Unknown or revoked token."}
