"""The home page, the countries with their regions and groups, and the reference
data (codes, taxonomies) as pages and through the API."""

import re

import pytest
from django.urls import reverse

from mutua.directory.models import Country
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.models import TargetGroup
from mutua.exchange.services import requests as exchange
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.builders import request_fields
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


# Home ------------------------------------------------------------------------


def test_home_shows_counts_latest_records_and_a_search_for_requests(client, people):
    request = published_request(people)
    offer = published_offer(people)
    exchange.request_create(
        by=people.focal_point,
        country=people.malawi,
        **request_fields(title="A draft nobody sees"),
    )
    page = text(client.get("/"))
    assert request.title in page and request.get_absolute_url() in page
    assert offer.title in page and offer.get_absolute_url() in page
    assert "A draft nobody sees" not in page
    assert 'action="/requests/"' in page and 'name="q"' in page
    assert "<strong>1</strong> published request<" in page
    assert "<strong>2</strong> organizations" in page


def test_home_shows_only_the_five_latest_requests(client, people):
    for number in range(6):
        published_request(people, title=f"Need number {number}")
    page = text(client.get(reverse("directory:home")))
    assert "Need number 5" in page and "Need number 1" in page
    assert "Need number 0" not in page


# Countries -------------------------------------------------------------------


def test_countries_are_grouped_by_region_with_their_badges(client, people):
    page = text(client.get(reverse("directory:countries")))
    assert "<h2>Africa</h2>" in page and "<h3>Eastern Africa</h3>" not in page
    assert "<h3>Sub-Saharan Africa</h3>" in page
    malawi = re.search(r'<a href="/countries/MWI/">Malawi</a>(.*?)</li>', page, re.S)
    assert "LDC" in malawi[1] and "LLDC" in malawi[1] and "SIDS" not in malawi[1]
    fiji = re.search(r'<a href="/countries/FJI/">Fiji</a>(.*?)</li>', page, re.S)
    assert "SIDS" in fiji[1] and "developing" in fiji[1]
    assert "248 countries and areas" in page


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"region": "009"}, "Fiji", "Malawi"),  # Oceania
        ({"region": "014"}, "Malawi", "Fiji"),  # Eastern Africa, intermediate
        ({"group": "SIDS"}, "Fiji", "Malawi"),
        ({"group": "LLDC", "region": "002"}, "Malawi", "Fiji"),
        ({"group": "developed"}, "Germany", "Malawi"),
    ],
)
def test_countries_narrow_by_region_and_group(client, people, params, present, absent):
    page = text(client.get(reverse("directory:countries"), params))
    assert f">{present}</a>" in page and f">{absent}</a>" not in page


@pytest.mark.parametrize(
    "params",
    [{"region": "999"}, {"group": "rich"}, {"region": "<script>"}, {"group": "\x00"}],
)
def test_unknown_country_filters_are_ignored(client, people, params):
    response = client.get(reverse("directory:countries"), params)
    assert response.status_code == 200 and "248 countries" in text(response)
    assert "<script>" not in text(response)


def test_an_htmx_filter_of_countries_returns_only_the_list(client, people):
    response = client.get(
        reverse("directory:countries"),
        {"group": "SIDS"},
        headers={"HX-Request": "true"},
    )
    page = text(response)
    assert page.lstrip().startswith('<div id="countries">') and "Fiji" in page
    assert "<html" not in page and "HX-Request" in response["Vary"]


def test_a_country_page_shows_its_regions_groups_organizations_and_records(
    client, people
):
    request = published_request(people)
    hidden = exchange.request_create(
        by=people.focal_point, country=people.malawi, **request_fields(title="Hidden")
    )
    page = text(client.get(people.malawi.get_absolute_url()))
    for fact in ["Africa", "Sub-Saharan Africa", "Eastern Africa", "MWI", "454"]:
        assert fact in page
    assert "Least developed country" in page and "Landlocked" in page
    assert "Party to the <abbr" in page and "<dd>Yes</dd>" in page
    assert request.title in page and hidden.title not in page
    assert people.ngo.name in page and people.university.name not in page
    offer_page = text(client.get(people.south_africa.get_absolute_url()))
    assert published_offer(people).title not in offer_page  # published after
    assert "DNA barcoding" in text(client.get("/countries/zaf/"))


def test_an_unknown_country_is_not_found(client, people):
    assert client.get("/countries/XXX/").status_code == 404
    assert client.get("/countries/%3Cscript%3E/").status_code == 404


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


# Reference data --------------------------------------------------------------


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
