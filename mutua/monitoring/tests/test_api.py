"""The monitoring API: indicators and their values, broken down one way."""

import pytest
from django.test import Client

from mutua.monitoring import selectors
from mutua.monitoring.indicators import INDICATORS
from mutua.testing.http import call, errors

pytestmark = pytest.mark.django_db


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
