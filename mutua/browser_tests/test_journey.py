"""A request's way from a focal point's phone to a visitor's, through the real UI.

Each actor has its own browser context (own cookies) at a phone's width: the
focal point for Malawi drafts and submits a request, the coordinator for
Eastern Africa publishes it from the review queue, and an anonymous visitor
finds it by searching and reads its history.
"""

import re

import pytest
from playwright.sync_api import Page
from playwright.sync_api import expect

from mutua.exchange.models import Request
from mutua.testing.browser import PHONE
from mutua.testing.builders import published_request
from mutua.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Seagrass meadows of Lake Malawi: a survey of macrophytes"


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width} px"


def heading(page: Page, text: str) -> None:
    """Wait for the page with this title, then check it fits the phone."""
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    fits_the_phone(page)


def log_in(page: Page, home: str, user) -> None:
    page.goto(home)
    fits_the_phone(page)
    page.get_by_role("link", name="Log in").click()
    heading(page, "Sign In")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def draft_and_submit(page: Page, home: str, people) -> None:
    log_in(page, home, people.focal_point)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Requests"
    ).click()
    heading(page, "Requests")
    page.get_by_role("link", name="New request").click()
    heading(page, "New request")
    # A focal point of one country finds it chosen already.
    expect(page.get_by_label("Country")).to_have_value(str(people.malawi.pk))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Biodiversity challenge").fill(
        "Seagrass beds along the southern shore are shrinking and nobody maps them."
    )
    page.get_by_label("Technical and scientific barriers").fill(
        "No aquatic botanist and no survey protocol for submerged macrophytes."
    )
    page.get_by_label(re.compile(r"Target 1 —")).check()
    page.get_by_label("Joint training", exact=True).check()
    page.get_by_label("English", exact=True).check()
    page.get_by_role("radio", name="Not known").check()
    page.get_by_role("button", name="Save draft").click()

    heading(page, TITLE)
    expect(page.get_by_role("status")).to_contain_text("Draft saved")
    expect(page.locator(".meta .badge")).to_have_text("Status: Draft")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".meta .badge")).to_have_text("Status: Under review")
    fits_the_phone(page)


def publish_from_the_queue(page: Page, home: str, coordinator) -> None:
    log_in(page, home, coordinator)
    page.get_by_role("link", name="My work").click()
    heading(page, "My work")
    page.get_by_role("link", name="Review queue").click()
    heading(page, "Review queue")
    item = page.locator("ol.queue > li").filter(
        has=page.get_by_role("heading", name=TITLE)
    )
    item.locator("summary", has_text="Publish").click()
    expect(item.locator("form .akwe-kon")).to_contain_text("Not known")
    item.get_by_role("button", name="Yes, publish it").click()
    expect(page.get_by_role("link", name=f"{TITLE}: Published.")).to_be_visible()
    fits_the_phone(page)


def find_and_read(page: Page, home: str) -> None:
    page.goto(home)
    fits_the_phone(page)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Requests"
    ).click()
    heading(page, "Requests")
    expect(page.locator("#count")).to_have_text("2 results")
    page.get_by_role("searchbox", name="Search").press_sequentially("macrophytes")
    expect(page.locator("#count")).to_have_text("1 result")
    fits_the_phone(page)
    page.locator("#results").get_by_role("link", name=TITLE).click()
    heading(page, TITLE)
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Draft → Under review")
    expect(history).to_contain_text("Under review → Published")
    fits_the_phone(page)


def test_a_request_goes_from_the_focal_point_to_the_public_on_phones(
    new_page, live_server, verified_people
):
    people = verified_people
    # Something else to search among: a request published before this one.
    published_request(people)
    home = f"{live_server.url}/"

    draft_and_submit(new_page(PHONE), home, people)
    publish_from_the_queue(new_page(PHONE), home, people.coordinator)
    find_and_read(new_page(PHONE), home)

    request = Request.objects.get(title=TITLE)
    assert request.status == Request.Status.PUBLISHED
    assert request.country == people.malawi
    assert request.organization is None
    assert request.created_by == people.focal_point
    assert request.endorsed_by == people.focal_point
    assert request.published_at is not None
    assert list(request.targets.values_list("number", flat=True)) == [1]
    assert list(request.modalities.values_list("code", flat=True)) == ["joint_training"]
    assert list(request.languages.values_list("code", flat=True)) == ["en"]
    assert [
        (t.action, t.from_status, t.to_status, t.by)
        for t in request.transitions.order_by("at", "pk")
    ] == [
        ("create", "", Request.Status.DRAFT, people.focal_point),
        (
            "submit",
            Request.Status.DRAFT,
            Request.Status.UNDER_REVIEW,
            people.focal_point,
        ),
        (
            "publish",
            Request.Status.UNDER_REVIEW,
            Request.Status.PUBLISHED,
            people.coordinator,
        ),
    ]
