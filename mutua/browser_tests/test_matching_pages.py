"""Matching in a real browser at a phone's width: a suggestion becomes a
partnership, and the matching pages pass axe-core with no serious violation."""

import pytest
from playwright.sync_api import expect

from mutua.community.models import HelpdeskTicket
from mutua.directory.models import Region
from mutua.matching import rounds
from mutua.matching.models import AllocationRound
from mutua.testing.browser import no_sideways_scroll
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.browser import violations
from mutua.testing.builders import suggested_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def suggested(people, reference):
    return suggested_pair(people)


def test_a_suggestion_becomes_a_partnership_on_a_phone(
    new_page, live_server, people, suggested
):
    request, offer = suggested
    requester = new_page()
    sign_in(requester, live_server, people.member)
    requester.goto(f"{live_server.url}{request.get_absolute_url()}")
    requester.get_by_role("link", name="Suggested offers and matches").click()
    expect(requester.get_by_text("Both work in English")).to_be_visible()
    requester.get_by_role("button", name="Propose this match").click()
    expect(requester.get_by_role("status")).to_contain_text("The match is proposed")

    provider = new_page()
    sign_in(provider, live_server, people.provider)
    provider.goto(f"{live_server.url}/requests/{request.uuid}/matches/")
    provider.get_by_role("button", name="Accept").click()
    expect(provider.get_by_role("status")).to_contain_text("the partnership begins")
    provider.get_by_role("link", name="The partnership").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text(request.title)
    assert no_sideways_scroll(provider)


def test_the_matching_pages_have_no_serious_accessibility_violation(
    new_page, live_server, people, suggested
):
    request, offer = suggested
    HelpdeskTicket.objects.create(
        asked_by=people.member, country=people.malawi, subject="Help", message="Fish."
    )
    found = AllocationRound.objects.create(
        region=Region.objects.get(code="014"), priority=0.5
    )
    rounds.round_work_out(found)
    page = new_page()
    sign_in(page, live_server, people.coordinator)
    problems = []
    for path in (
        f"/requests/{request.uuid}/matches/",
        f"/offers/{offer.uuid}/fits/",
        "/rounds/",
        f"/rounds/{found.uuid}/",
        "/helpdesk/",
        "/helpdesk/queue/",
    ):
        page.goto(f"{live_server.url}{path}")
        problems += violations(page, path)
        assert no_sideways_scroll(page), path
    assert not any(blocking for blocking, _ in problems), report(problems)
