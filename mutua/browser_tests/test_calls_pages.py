"""Calls in a real browser at a phone's width: the secretariat drafts a call with
the criteria of ¶46 and publishes it, a visitor finds it; the pages pass axe-core
with no serious violation."""

import pytest
from playwright.sync_api import expect

from mutua.calls.models import Call
from mutua.testing.browser import no_sideways_scroll
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.browser import violations
from mutua.testing.calls import PDF_BYTES
from mutua.testing.calls import open_call
from mutua.testing.calls import started_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_call_is_drafted_published_and_found_on_a_phone(
    new_page, live_server, people
):
    page = new_page()
    sign_in(page, live_server, people.secretariat)
    page.goto(f"{live_server.url}/calls/")
    page.get_by_role("link", name="Draft a call").click()
    page.get_by_label("Title").fill("Host of the Oceania support centre")
    page.get_by_label("Description").fill("Expressions of interest from the Pacific.")
    page.get_by_label("Opens").fill("2030-01-05T09:00")
    page.get_by_label("Closes").fill("2030-03-31T17:00")
    expect(page.get_by_label("Criterion").first).to_have_value(
        "Engagement in regional and subregional biodiversity-related networks "
        "and partnerships"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Host of the Oceania support centre"
    )
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Publish").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("the call is now open")
    assert Call.objects.get().status == Call.Status.OPEN

    visitor = new_page()
    visitor.goto(f"{live_server.url}/calls/")
    visitor.get_by_label("Search calls").fill("oceania")
    visitor.get_by_role("button", name="Search").click()
    visitor.get_by_role("link", name="Host of the Oceania support centre").click()
    expect(
        visitor.get_by_text("Expertise in biodiversity-related areas")
    ).to_be_visible()


def test_the_calls_pages_have_no_serious_accessibility_violation(
    new_page, live_server, people
):
    call = open_call(people)
    page = new_page()
    sign_in(page, live_server, people.secretariat)
    problems = []
    for path in (
        "/calls/",
        call.get_absolute_url(),
        "/calls/new/",
        f"/calls/{call.uuid}/edit/",
        f"/calls/{call.uuid}/close/",
        f"/calls/{call.uuid}/applications/",
        f"/calls/{call.uuid}/apply/",
        started_application(
            people, call, organization=people.university, by=people.provider
        ).get_absolute_url(),
        "/applications/",
    ):
        page.goto(f"{live_server.url}{path}")
        problems += violations(page, path)
        assert no_sideways_scroll(page), path
    assert not any(blocking for blocking, _ in problems), report(problems)


def test_an_organization_applies_and_submits_on_a_phone(new_page, live_server, people):
    call = open_call(people)
    page = new_page()
    sign_in(page, live_server, people.member)
    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    page.get_by_role("link", name="Apply to this call").click()
    page.get_by_label("Organization").select_option(label="Lilongwe Wetlands Trust")
    page.get_by_label("Title").fill("Lilongwe Wetlands Trust as host")
    page.get_by_label("Expression of interest").fill("We coordinate wetland work.")
    for criterion in call.criteria.all():
        page.get_by_label(criterion.name).fill(f"How we meet it: {criterion.name}.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lilongwe Wetlands Trust as host"
    )
    page.get_by_label("Document").set_input_files(
        files=[
            {"name": "proposal.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        ]
    )
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_role("link", name="proposal.pdf", exact=True)).to_be_visible()
    page.get_by_role("link", name="Submit").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("submitted")
    assert no_sideways_scroll(page)
    problems = violations(page, "application")
    assert not any(blocking for blocking, _ in problems), report(problems)
