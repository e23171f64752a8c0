"""The dashboard, indicator pages, drill-down, report and Theory of Change pages."""

import datetime as dt

import pytest

from mutua.monitoring.indicators import INDICATORS
from mutua.monitoring.models import ChangeStep
from mutua.monitoring.services import load_theory_of_change
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships(people):
    return [
        entered(people, title=f"Partnership {n}", started_on=dt.date(2026, 1, 1 + n))
        for n in range(3)
    ]


def test_the_dashboard_shows_every_indicator_then_fetches_the_trends(
    client, partnerships
):
    body = client.get("/monitoring/?year=2026").content.decode()
    for indicator in INDICATORS:
        assert f"/monitoring/indicators/{indicator.code}/" in body
        assert f'id="trend-{indicator.code}"' in body
    assert "<svg" not in body and 'hx-get="/monitoring/trends/?year=2026"' in body
    assert "cdn" not in body.lower() and '<script src="http' not in body
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


def test_the_report_prints_definitions_and_trends(client, partnerships):
    body = client.get("/monitoring/report/?year=2026").content.decode()
    assert "Report on technical and scientific cooperation, 2026" in body
    assert "Count of partnerships started in the period." in body


def test_the_theory_of_change_is_a_diagram_with_its_indicators(client, reference):
    load_theory_of_change()
    assert load_theory_of_change() == 0  # never overwrites what is kept
    body = client.get("/monitoring/theory-of-change/").content.decode()
    assert "<svg" in body and "Target 19.2" in body
    assert "/monitoring/indicators/P38-a/" in body


def test_only_the_secretariat_edits_the_theory_of_change(client, people):
    step = ChangeStep.objects.create(level="inputs", text="Money")
    for user in (people.coordinator, people.outsider):
        client.force_login(user)
        assert client.get("/monitoring/theory-of-change/steps/").status_code == 403
        assert (
            client.post(
                f"/monitoring/theory-of-change/steps/{step.pk}/delete/"
            ).status_code
            == 403
        )
    client.force_login(people.secretariat)
    response = client.post(
        "/monitoring/theory-of-change/steps/",
        {"level": "outputs", "text": "Communities of practice", "position": 5},
    )
    assert response.status_code == 302
    bad = client.post(
        "/monitoring/theory-of-change/steps/",
        {"level": "wishes", "text": "", "position": -1},
    )
    assert bad.status_code == 400 and ChangeStep.objects.count() == 2
    client.post(
        f"/monitoring/theory-of-change/steps/{step.pk}/",
        {"level": "inputs", "text": "Adequate money", "position": 0},
    )
    step.refresh_from_db()
    assert step.text == "Adequate money"
    assert (
        "Remove"
        in client.get(
            f"/monitoring/theory-of-change/steps/{step.pk}/delete/"
        ).content.decode()
    )
    client.post(f"/monitoring/theory-of-change/steps/{step.pk}/delete/")
    assert not ChangeStep.objects.filter(pk=step.pk).exists()


def test_the_values_download_as_a_table(client, partnerships):
    response = client.get("/monitoring/export.csv?year=2026")
    lines = response.content.decode().splitlines()
    assert lines[0] == "\ufeffcode,name,unit,year,numerator,denominator,value"
    assert "P38-g,Partnerships established,number,2026,3.0,,3.0" in lines
    assert client.get("/monitoring/export.json?year=2026").json()[0]["code"]
    assert client.get("/monitoring/export.pdf").status_code == 404
    assert client.get("/monitoring/export.csv?year=1066").status_code == 400
