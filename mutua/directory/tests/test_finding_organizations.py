"""Finding organizations: the list, its search, facets and pages, an
organization's page, and the same through the API."""

import re
import uuid

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.exchange.services import requests as exchange
from mutua.testing.builders import published_offer
from mutua.testing.builders import request_fields
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text
from mutua.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def organization(name: str, iso3: str, type: str = "ngo", **fields) -> Organization:
    admin_user = User.objects.create_user(username=f"admin-{name}", password=PASSWORD)
    return services.organization_create(
        by=admin_user,
        name=name,
        country=Country.objects.get(iso3=iso3),
        type=type,
        **fields,
    )


def registered(people, name: str, **fields) -> Organization:
    fields = {"country": people.malawi, "type": "ngo", **fields}
    return services.organization_create(by=people.member, name=name, **fields)


# Searching and listing -------------------------------------------------------


def test_organizations_are_searched_by_their_words(client, people):
    organization(
        "Fundação Mata Atlântica", "BRA", description="Restauração de florestas"
    )
    organization("Wetlands of the Shire", "MWI")
    url = reverse("directory:organizations")
    page = text(client.get(url, {"q": "fundacao FLORESTA"}))
    assert "Fundação Mata Atlântica" in page and "Shire" not in page
    assert "1 organization<" in page
    page = text(client.get(url, {"q": "wetland"}))
    assert "Wetlands of the Shire" in page and "Fundação" not in page


def test_facets_count_organizations_and_narrow_the_list(client, people):
    organization("Pacific Reef Network", "FJI", type="iplc")
    url = reverse("directory:organizations")
    page = re.sub(r"<[^>]+>", "", text(client.get(url)))
    assert re.search(r"Non-governmental organization \(1\)", page)
    assert re.search(r"Africa \(2\)", page) and re.search(r"Oceania \(1\)", page)
    assert re.search(r"Small island developing States \(SIDS\) \(1\)", page)
    narrowed = text(client.get(url, {"group": "SIDS"}))
    assert "Pacific Reef Network" in narrowed and people.ngo.name not in narrowed
    narrowed = text(client.get(url, {"region": "002", "type": "academic"}))
    assert people.university.name in narrowed and people.ngo.name not in narrowed
    narrowed = text(client.get(url, {"country": "mwi"}))
    assert people.ngo.name in narrowed and people.university.name not in narrowed


def test_the_organization_list_pages_by_twenty(client, people):
    for number in range(25):
        organization(f"Herbarium {number:02}", "KEN", type="academic")
    url = reverse("directory:organizations")
    listed = re.compile(r'<li><a href="/organizations/[0-9a-f-]{36}/">')
    first = text(client.get(url, {"q": "herbarium"}))
    assert "25 organizations" in first and "Page 1 of 2" in first
    assert len(listed.findall(first)) == 20
    second = text(client.get(url, {"q": "herbarium", "page": "2"}))
    assert len(listed.findall(second)) == 5
    assert "q=herbarium&amp;page=1" in second


def test_the_organization_list_says_when_nothing_matches(client, people):
    page = text(client.get(reverse("directory:organizations"), {"q": "zzzz"}))
    assert "0 organizations" in page and "No organization matches" in page


@pytest.mark.parametrize(
    "params",
    [
        {"type": "spaceship"},
        {"region": "999"},
        {"group": "rich"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"q": "x" * 5000},
        {"q": '"unbalanced AND ( NEAR *'},
        {"q": "\x00"},
        {"country": "not-a-country"},
    ],
)
def test_bad_parameters_of_the_organization_list_never_fail(client, people, params):
    response = client.get(reverse("directory:organizations"), params)
    assert response.status_code == 200


def test_the_organization_list_takes_a_fixed_number_of_queries(
    client, people, django_assert_max_num_queries
):
    for number in range(10):
        organization(f"Museum {number}", "KEN")
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:organizations"), {"q": "museum"})


def test_an_htmx_search_returns_the_results_fragment(client, people):
    organization("Cape Floristic Trust", "ZAF")
    response = client.get(
        reverse("directory:organizations"),
        {"q": "floristic"},
        headers={"HX-Request": "true"},
    )
    page = text(response)
    assert page.lstrip().startswith('<div id="results"') and "<html" not in page
    assert "Cape Floristic Trust" in page and "HX-Request" in response["Vary"]


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


# An organization's page ------------------------------------------------------


def test_an_organization_page_shows_its_published_records(client, people):
    people.ngo.verified = True
    people.ngo.save()
    request = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(title="Unpublished need"),
    )
    page = text(client.get(people.ngo.get_absolute_url()))
    assert "verified by the secretariat" in page and request.title not in page
    assert "Members" not in page and people.member.email not in page
    offer = published_offer(people)
    page = text(client.get(people.university.get_absolute_url()))
    assert offer.title in page and "verified" not in page


def test_admins_see_the_member_list_and_the_edit_link(client, people):
    client.force_login(people.member)
    page = text(client.get(people.ngo.get_absolute_url()))
    assert people.member.email in page and "/edit/" in page
    client.force_login(people.provider)
    page = text(client.get(people.ngo.get_absolute_url()))
    assert people.member.email not in page and "/edit/" not in page


def test_an_unknown_organization_is_not_found(client, people):
    url = "/organizations/00000000-0000-0000-0000-000000000000/"
    assert client.get(url).status_code == 404
    assert client.get("/organizations/not-a-uuid/").status_code == 404


def test_an_unknown_organization_is_404(client, people):
    response = call(client, "GET", f"/organizations/{uuid.uuid4()}")
    assert response.status_code == 404
    assert errors(response) == {None: "No such organization."}
    response = call(client, "GET", "/organizations/not-a-uuid")
    assert response.status_code == 422 and "uuid" in errors(response)
