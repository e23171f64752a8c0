"""Cooperation and monitoring in a real browser at a phone's width: a partnership is
recorded and its activity shows on the dashboard; the pages pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutua.cooperation import services
from mutua.directory.models import Modality
from mutua.monitoring.indicators.registry import INDICATORS
from mutua.monitoring.services import load_theory_of_change
from mutua.testing.browser import DESKTOP
from mutua.testing.browser import PHONE
from mutua.testing.browser import no_sideways_scroll
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.browser import violations
from mutua.testing.builders import entered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_records_a_partnership_and_an_activity_on_a_phone(
    new_page, live_server, people
):
    page = new_page(PHONE)
    sign_in(page, live_server, people.member)
    page.goto(f"{live_server.url}/partnerships/new/")
    page.get_by_label("Title").fill("Seed banks for the Shire valley")
    page.get_by_label("Started on").fill(timezone.localdate().isoformat())
    first = page.locator("fieldset.section", has_text="Participant 1")
    second = page.locator("fieldset.section", has_text="Participant 2")
    first.get_by_label("Role").select_option("beneficiary")
    first.get_by_label("Organization").fill("Lilongwe Wetlands Trust")
    second.get_by_label("Role").select_option("provider")
    second.get_by_label("Organization").fill("University of Cape Town")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Seed banks for the Shire valley"
    )
    expect(page.get_by_text("Cooperation type: South-South")).to_be_visible()
    page.get_by_role("link", name="Add an activity").click()
    page.get_by_label("Title").fill("Seed saving course")
    page.get_by_label("Kind of activity").select_option(label="Joint training")
    page.locator("select[name=delivery]").select_option("face_to_face")
    page.get_by_label("Held on").fill(timezone.localdate().isoformat())
    page.get_by_label("Lead organization").fill("Lilongwe Wetlands Trust")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("strong", has_text="Seed saving course")).to_be_visible()
    assert no_sideways_scroll(page)

    page.goto(f"{live_server.url}/monitoring/")
    expect(page.locator("svg.chart")).to_have_count(len(INDICATORS))
    page.goto(f"{live_server.url}/monitoring/indicators/TSC-04/")
    expect(page.locator(".figure")).to_contain_text("100")
    page.get_by_role("link", name="Counted: 1").click()
    expect(page.get_by_role("link", name="Seed saving course")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_cooperation_and_results_pages_have_no_serious_violation(
    new_page, live_server, people, viewport
):
    load_theory_of_change()
    partnership = entered(people, started_on=timezone.localdate())
    services.record_add(
        partnership=partnership,
        by=people.member,
        kind="activity",
        title="Radio show",
        modality=Modality.objects.get(code="awareness_raising"),
        delivery="virtual",
        held_on=timezone.localdate() - dt.timedelta(days=1),
        people_reached=500,
    )
    page = new_page(viewport)
    sign_in(page, live_server, people.member)
    found, too_wide = [], []
    for path in (
        "/partnerships/",
        partnership.get_absolute_url(),
        "/partnerships/new/",
        f"{partnership.get_absolute_url()}technology/new/",
        "/monitoring/",
        "/monitoring/?year=1800",
        "/monitoring/indicators/TSC-08/?by=delivery",
        "/monitoring/indicators/P38-g/records/",
        "/monitoring/report/",
        "/monitoring/theory-of-change/",
    ):
        page.goto(live_server.url + path)
        found += violations(page, path)
        if not no_sideways_scroll(page):
            too_wide.append(path)
    assert not any(block for block, _line in found), report(found)
    assert not too_wide, too_wide
