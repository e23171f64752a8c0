"""The exchange pages in a phone-sized Chromium: HTMX search, facets, the queue."""

import re

import pytest
from playwright.sync_api import expect

from mutua.directory.models import GbfTarget
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import request_fields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def under_review(people, **overrides):
    request = request_create(
        by=people.focal_point, country=people.malawi, **request_fields(**overrides)
    )
    return request_transition(request=request, action="submit", by=people.focal_point)


def published(people, **overrides):
    return request_transition(
        request=under_review(people, **overrides),
        action="publish",
        by=people.coordinator,
    )


def log_in(page, client, live_server, user) -> None:
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_search_and_facets_swap_the_results_and_keep_the_url(
    phone, live_server, people
):
    published(
        people, title="Mangrove nurseries", targets=GbfTarget.objects.filter(number=2)
    )
    published(
        people, title="Fish barcoding", targets=GbfTarget.objects.filter(number=4)
    )
    phone.goto(f"{live_server.url}/requests/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    expect(phone.locator("#count")).to_have_text("2 results")

    phone.fill("#q", "mangrove")
    expect(phone).to_have_url(re.compile(r"/requests/\?q=mangrove$"))
    expect(phone.locator("#count")).to_have_text("1 result")
    expect(phone.locator("#results")).not_to_contain_text("Fish barcoding")

    phone.fill("#q", "")
    expect(phone.locator("#count")).to_have_text("2 results")
    phone.locator("summary", has_text="GBF target").click()
    phone.locator("#f-target-4").check()
    expect(phone).to_have_url(re.compile(r"target=4"))
    expect(phone.locator("#count")).to_have_text("1 result")
    expect(phone.locator("#results")).to_contain_text("Fish barcoding")
    # The facets were swapped out of band; the focus stays on the same box.
    assert phone.evaluate("document.activeElement.id") == "f-target-4"

    phone.go_back()
    expect(phone.locator("#count")).to_have_text("2 results")


def test_the_coordinator_publishes_from_the_queue_without_leaving_it(
    phone, live_server, client, people
):
    under_review(people, title="Wetland inventory")
    log_in(phone, client, live_server, people.coordinator)
    phone.goto(f"{live_server.url}/review/")
    item = phone.locator("ol.queue > li").first
    item.locator("summary", has_text="Publish").click()
    item.get_by_role("button", name="Yes, publish it").click()
    expect(phone.locator("ol.queue > li").first).to_contain_text(
        "Wetland inventory: Published."
    )
    expect(phone).to_have_url(f"{live_server.url}/review/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
