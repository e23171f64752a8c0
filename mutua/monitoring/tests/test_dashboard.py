"""The dashboard of every indicator for a year, its trends, the printed report and
the download of its values."""

import re

import pytest

from mutua.monitoring.indicators.registry import INDICATORS
from mutua.testing.partnerships import three_entered

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships(people):
    return three_entered(people)


def test_the_dashboard_shows_every_indicator_then_fetches_the_trends(
    client, partnerships
):
    body = client.get("/monitoring/?year=2026").content.decode()
    for indicator in INDICATORS:
        assert f"/monitoring/indicators/{indicator.code}/" in body
        assert f'id="trend-{indicator.code}"' in body
    assert "<svg" not in body and 'hx-get="/monitoring/trends/?year=2026"' in body
    # Nothing from another site (a CDN): no script, stylesheet or image of another origin.
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', body)
    trends = client.get("/monitoring/trends/?year=2026").content.decode()
    assert trends.count("<svg") == len(INDICATORS)
    assert trends.count('hx-swap-oob="true"') == len(INDICATORS)
    assert client.get("/monitoring/trends/?year=1800").status_code == 400


@pytest.mark.parametrize(
    "query",
    ["year=1800", "year=soon", "region=999", "group=rich", "target=99"],
)
def test_bad_filters_are_named_and_refused(client, query):
    response = client.get(f"/monitoring/?{query}")
    assert response.status_code == 400
    assert "Please correct the marked fields." in response.content.decode()


def test_the_report_prints_definitions_and_trends(client, partnerships):
    body = client.get("/monitoring/report/?year=2026").content.decode()
    assert "Report on technical and scientific cooperation, 2026" in body
    assert "Count of partnerships started in the period." in body


def test_the_values_download_as_a_table(client, partnerships):
    response = client.get("/monitoring/export.csv?year=2026")
    lines = response.content.decode().splitlines()
    assert lines[0] == "\ufeffcode,name,unit,year,numerator,denominator,value"
    assert "P38-g,Partnerships established,number,2026,3.0,,3.0" in lines
    assert client.get("/monitoring/export.json?year=2026").json()[0]["code"]
    assert client.get("/monitoring/export.pdf").status_code == 404
    assert client.get("/monitoring/export.csv?year=1066").status_code == 400
