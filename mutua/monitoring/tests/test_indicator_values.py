"""One indicator: what it means, its value broken down one way and the records
behind it, on its page and through the API."""

import pytest
from django.test import Client

from mutua.monitoring import selectors
from mutua.monitoring.indicators.registry import INDICATORS
from mutua.testing.builders import entered
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.partnerships import three_entered

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships(people):
    return three_entered(people)


def test_an_indicator_page_explains_breaks_down_and_links_records(
    client, partnerships, people
):
    body = client.get(
        "/monitoring/indicators/P38-g/?year=2026&by=intermediate_region"
    ).content.decode()
    assert "Count of partnerships started in the period." in body
    assert "Eastern Africa" in body and "/monitoring/indicators/P38-g/records/" in body
    records = client.get("/monitoring/indicators/P38-g/records/?year=2026")
    text = records.content.decode()
    assert "3 records" in text and partnerships[0].get_absolute_url() in text


def test_a_share_links_to_what_it_counts_and_divides_by(client, partnerships):
    body = client.get("/monitoring/indicators/TSC-15/?year=2026").content.decode()
    assert "part=numerator" in body and "part=denominator" in body
    counted = client.get(
        "/monitoring/indicators/TSC-15/records/?year=2026&part=numerator"
    )
    assert "3 records" in counted.content.decode()


def test_unknown_indicators_breakdowns_and_parts_are_refused(client):
    assert client.get("/monitoring/indicators/NOPE/").status_code == 404
    assert client.get("/monitoring/indicators/P38-g/?by=colour").status_code == 400
    assert (
        client.get("/monitoring/indicators/P38-g/records/?part=denominator").status_code
        == 400
    )


def without(dimension: str):
    return next(i for i in INDICATORS if dimension not in selectors.dimensions(i))


def test_indicators_are_listed_with_their_dimensions(people):
    listed = call(Client(), "GET", "/indicators").json()
    assert [i["code"] for i in listed] == [i.code for i in INDICATORS]
    assert all("year" in i["dimensions"] for i in listed)


def test_an_indicator_is_broken_down_by_one_of_its_dimensions(people):
    indicator = INDICATORS[0]
    for dimension in selectors.dimensions(indicator):
        path = f"/indicators/{indicator.code}/values?year=2026&by={dimension}"
        response = call(Client(), "GET", path)
        assert response.status_code == 200, (dimension, response.content)


def test_a_breakdown_the_indicator_lacks_is_not_found_naming_by(people):
    indicator = without("gender")
    response = call(Client(), "GET", f"/indicators/{indicator.code}/values?by=gender")
    assert response.status_code == 404
    assert errors(response)["by"].startswith(f"{indicator.code} breaks down by one of")


def test_a_breakdown_no_indicator_has_is_invalid(people):
    response = call(Client(), "GET", f"/indicators/{INDICATORS[0].code}/values?by=mood")
    assert response.status_code == 422 and "by" in errors(response)
    response = call(Client(), "GET", "/indicators/NOPE/values")
    assert response.status_code == 404


def test_indicators_and_their_values(client, people):
    entered(people)
    listed = call(client, "GET", "/indicators").json()
    assert {"TSC-01", "TSC-18", "P38-i"} <= {i["code"] for i in listed}
    values = call(
        client, "GET", "/indicators/P38-g/values?year=2026&by=cooperation_type"
    ).json()
    assert values["value"]["value"] == 1
    assert values["breakdown"][0]["key"] == "south_south"
    assert call(client, "GET", "/indicators/NOPE/values").status_code == 404
    for query in ("by=colour", "year=1066", "region=999", "group=rich"):
        response = call(client, "GET", f"/indicators/P38-g/values?{query}")
        assert response.status_code == 422, query
