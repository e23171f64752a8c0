"""axe-core on the main pages, at a phone's and at a desktop's width.

A serious or critical violation fails the test; moderate and minor ones are
listed in the failure message, or in a warning when nothing fails. Each line
names the page, the rule, its impact and the first element to fix. Every page
must also fit its width without scrolling sideways. Last, where the keyboard
focus lands after a form comes back with errors and after an HTMX action.
"""

import datetime as dt
import warnings

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator
from playwright.sync_api import Page
from playwright.sync_api import expect

from mutua.community import services as helpdesk
from mutua.community.models import HelpdeskTicket
from mutua.community.services import discussions
from mutua.directory.models import GbfTarget
from mutua.directory.services import api_token_create
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.importing.models import ImportJob
from mutua.matching import rounds
from mutua.matching.models import AllocationRound
from mutua.monitoring.services import load_theory_of_change
from mutua.testing.browser import DESKTOP
from mutua.testing.browser import PHONE
from mutua.testing.browser import no_sideways_scroll
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.browser import violations
from mutua.testing.builders import entered
from mutua.testing.builders import offer_fields
from mutua.testing.builders import request_fields
from mutua.testing.calls import open_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def check_pages(live_server, visits) -> None:
    """Visit each (where, page, path, then) and fail on a serious or critical axe
    violation or on a page wider than its viewport."""
    found, too_wide = [], []
    for where, page, path, then in visits:
        response = page.goto(live_server.url + path)
        assert response.ok, f"{where}: {path} answered {response.status}"
        if then:
            then(page)
        found += violations(page, where)
        if not no_sideways_scroll(page):
            too_wide.append(f"{where} at {page.viewport_size['width']} px")
    assert not any(block for block, _line in found), report(found)
    if found:
        warnings.warn(report(found), stacklevel=1)
    assert not too_wide, f"These pages scroll sideways: {too_wide}"


# Records to look at --------------------------------------------------------------


def published_request(people) -> Request:
    request = request_create(
        by=people.focal_point,
        country=people.malawi,
        **request_fields(touches_iplc_lands="yes", contact_email="focal@example.org"),
    )
    for action, by in (("submit", people.focal_point), ("publish", people.coordinator)):
        request = request_transition(request=request, action=action, by=by)
    return request


def under_review(people) -> Request:
    request = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(title="Wetland bird monitoring in the Shire valley"),
    )
    for action, by in (("submit", people.member), ("endorse", people.focal_point)):
        request = request_transition(request=request, action=action, by=by)
    return request


def submitted(people) -> Request:
    request = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(title="Herbarium digitisation for the national flora"),
    )
    return request_transition(request=request, action="submit", by=people.member)


def published_listings(people) -> tuple[Offer, Opportunity]:
    offer = listing_create(
        Offer, by=people.provider, organization=people.university, **offer_fields()
    )
    opportunity = listing_create(
        Opportunity,
        by=people.provider,
        organization=people.university,
        title="Small grants for barcoding exchanges",
        description="Travel and accommodation for short expert exchanges.",
        how_to_apply="Send a two-page proposal.",
        deadline=timezone.localdate() + dt.timedelta(days=60),
        amount=20000,
        currency="USD",
        targets=GbfTarget.objects.filter(number=20),
    )
    for listing in (offer, opportunity):
        listing_transition(listing=listing, action="publish", by=people.provider)
    return offer, opportunity


def question(people) -> HelpdeskTicket:
    ticket = helpdesk.ticket_open(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        subject="Barcoding freshwater fish",
        message="We need training in DNA barcoding of cichlids.",
    )
    helpdesk.ticket_reply(
        ticket=ticket, by=people.coordinator, message="Which species exactly?"
    )
    helpdesk.ticket_reply(ticket=ticket, by=people.member, message="Mbuna cichlids.")
    return ticket


# Ways to reach a page's state beyond loading it -------------------------------------


def tick_a_facet(page: Page) -> None:
    page.locator("summary", has_text="GBF target").click()
    page.locator("#f-target-4").check()
    expect(page.locator("#count")).to_have_text("1 result")


def send_it_empty(page: Page) -> None:
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct these errors")


def publish_one(page: Page) -> None:
    page.locator("summary", has_text="Publish").first.click()
    page.get_by_role("button", name="Yes, publish it").first.click()
    expect(page.get_by_role("status")).to_contain_text("Published.")


def open_the_ways_back(page: Page) -> None:
    for summary in page.locator("summary").all():
        summary.click()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_main_pages_have_no_serious_accessibility_problems_and_fit_the_width(
    new_page, live_server, people, viewport
):
    request = published_request(people)
    reviewed = under_review(people)
    submitted(people)
    ticket = question(people)
    offer, opportunity = published_listings(people)
    importing = ImportJob.objects.create(
        by=people.member,
        filename="requests.csv",
        kind="requests",
        status=ImportJob.Status.CHECKING,
        rows_done=1200,
        rows_total=4800,
    )
    size = VIEWPORTS[viewport]
    visitor, focal_point, coordinator = new_page(size), new_page(size), new_page(size)
    member, outsider = new_page(size), new_page(size)
    sign_in(focal_point, live_server, people.focal_point)
    sign_in(coordinator, live_server, people.coordinator)
    sign_in(member, live_server, people.member)
    sign_in(outsider, live_server, people.outsider)
    visits = [
        ("home", visitor, "/", None),
        ("requests", visitor, "/requests/", None),
        ("requests searched", visitor, "/requests/?q=barcoding", None),
        (
            "requests searched, a facet ticked",
            visitor,
            "/requests/?q=fish",
            tick_a_facet,
        ),
        ("requests, nothing found", visitor, "/requests/?q=zzzzz", None),
        ("request", visitor, request.get_absolute_url(), None),
        ("request, to an outsider", outsider, request.get_absolute_url(), None),
        ("offers", visitor, "/offers/", None),
        ("offer", visitor, offer.get_absolute_url(), None),
        ("opportunities", visitor, "/opportunities/", None),
        ("opportunity", visitor, opportunity.get_absolute_url(), None),
        ("organizations", visitor, "/organizations/", None),
        ("organization", visitor, people.ngo.get_absolute_url(), None),
        ("countries", visitor, "/countries/", None),
        ("country", visitor, "/countries/MWI/", None),
        ("log in", visitor, "/accounts/login/", None),
        ("sign up", visitor, "/accounts/signup/", None),
        ("new request", focal_point, "/requests/new/", None),
        ("new request, sent empty", focal_point, "/requests/new/", send_it_empty),
        ("request, to its focal point", focal_point, request.get_absolute_url(), None),
        ("endorsement queue", focal_point, "/endorse/", None),
        (
            "endorsement queue, ways back open",
            focal_point,
            "/endorse/",
            open_the_ways_back,
        ),
        ("my work", focal_point, "/me/", None),
        (
            "publish, to confirm",
            coordinator,
            f"/requests/{reviewed.uuid}/publish/",
            None,
        ),
        ("matches to answer", focal_point, "/matches/waiting/", None),
        ("review queue", coordinator, "/review/", None),
        ("review queue, one published", coordinator, "/review/", publish_one),
        ("helpdesk question", member, f"/helpdesk/{ticket.uuid}/", None),
        ("import in progress", member, f"/import/jobs/{importing.uuid}/", None),
        ("helpdesk, my questions", member, "/helpdesk/", None),
        ("helpdesk queue", coordinator, "/helpdesk/queue/", None),
        (
            "helpdesk question, to handle",
            coordinator,
            f"/helpdesk/{ticket.uuid}/",
            None,
        ),
    ]
    check_pages(live_server, visits)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_public_page_passes_in_arabic_right_to_left_and_in_english(
    new_page, live_server, people, viewport, language
):
    request = published_request(people)
    offer, opportunity = published_listings(people)
    call = open_call(people)
    partnership = entered(people)
    load_theory_of_change()
    space = discussions.space_create(
        by=people.secretariat, kind="theme", title="Wetland monitoring"
    )
    thread = discussions.thread_start(
        space=space, by=people.member, title="Drones", text="Which drones work?"
    )
    visitor = new_page(VIEWPORTS[viewport], locale=language)
    direction = "rtl" if language == "ar" else "ltr"

    def reads(page: Page) -> None:
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", direction)

    paths = [
        "/",
        "/requests/",
        request.get_absolute_url(),
        "/offers/",
        offer.get_absolute_url(),
        "/opportunities/",
        opportunity.get_absolute_url(),
        "/calls/",
        "/organizations/",
        people.ngo.get_absolute_url(),
        "/countries/",
        "/countries/MWI/",
        "/partnerships/",
        partnership.get_absolute_url(),
        call.get_absolute_url(),
        "/monitoring/",
        "/monitoring/indicators/TSC-08/?year=2026",
        "/monitoring/indicators/TSC-08/records/?year=2026",
        "/monitoring/report/?year=2026",
        "/monitoring/theory-of-change/",
        "/monitoring/time-to-help/",
        "/monitoring/time-to-help/publication/?year=2026",
        "/discussions/",
        reverse("community:space", args=[space.uuid]),
        discussions.thread_url(thread),
        "/discussions/search/?q=drones",
        reverse("matching:request", args=[request.uuid]),
        reverse("matching:offer", args=[offer.uuid]),
        "/offline/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    check_pages(
        live_server, [(f"{path} ({language})", visitor, path, reads) for path in paths]
    )


# Where the keyboard focus goes ----------------------------------------------------


def test_forms_sent_with_errors_put_the_focus_on_the_list_of_errors(
    phone, live_server, people
):
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_label("Email").fill(people.outsider.email)
    phone.get_by_label("Password").fill("not-the-password")
    phone.get_by_role("button", name="Sign In").click()
    expect(phone.locator(".error-summary")).to_be_focused()

    sign_in(phone, live_server, people.focal_point)
    phone.goto(f"{live_server.url}/requests/new/")
    phone.get_by_role("button", name="Save draft").click()
    expect(phone.locator(".error-summary")).to_be_focused()
    phone.keyboard.press("Tab")
    expect(
        phone.get_by_role("link", name="Title: This field is required.")
    ).to_be_focused()


def queue_item(page: Page, title: str) -> Locator:
    return page.locator("ol.queue > li").filter(
        has=page.get_by_role("heading", name=title)
    )


def test_acting_from_the_queue_by_keyboard_leaves_the_focus_on_the_outcome(
    phone, live_server, people
):
    taken = under_review(people)
    waiting = submitted(people)
    waiting = request_transition(
        request=waiting, action="endorse", by=people.focal_point
    )
    sign_in(phone, live_server, people.coordinator)
    phone.goto(f"{live_server.url}/review/")
    # Someone else publishes one of them while the page is open.
    request_transition(request=taken, action="publish", by=people.secretariat)

    item = queue_item(phone, taken.title)
    item.locator("summary", has_text="Publish").press("Enter")
    item.get_by_role("button", name="Yes, publish it").focus()
    phone.keyboard.press("Enter")
    expect(item.get_by_role("alert")).to_be_focused()
    expect(item.get_by_role("alert")).to_have_text("Cannot publish what is published.")

    # htmx moves the focus to the alert when its swap settles: wait for that,
    # or the next key press may land on the alert instead of the button.
    phone.wait_for_function(
        "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    item = queue_item(phone, waiting.title)
    item.locator("summary", has_text="Publish").press("Enter")
    item.get_by_role("button", name="Yes, publish it").press("Enter")
    expect(
        phone.get_by_role("link", name=f"{waiting.title}: Published.")
    ).to_be_focused()


def more_rows(page: Page) -> None:
    page.get_by_role("button", name="More rows").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_rates_attendance_and_funding_pages_have_no_serious_problems(
    new_page, live_server, people, viewport
):
    from decimal import Decimal

    from mutua.cooperation import services as cooperation
    from mutua.cooperation.models import Activity
    from mutua.directory.models import Modality
    from mutua.testing.builders import entered

    partnership = entered(people)
    activity = Activity.objects.create(
        partnership=partnership,
        title="Field school",
        modality=Modality.objects.first(),
        delivery="face_to_face",
        held_on=dt.date(2026, 5, 5),
        people_reached=5,
    )
    rate = cooperation.exchange_rate_set(
        by=people.secretariat,
        currency="EUR",
        valid_from=dt.date(2026, 1, 1),
        per_reporting_unit=Decimal("0.8"),
        source="ECB",
    )
    size = VIEWPORTS[viewport]
    secretariat, member = new_page(size), new_page(size)
    sign_in(secretariat, live_server, people.secretariat)
    sign_in(member, live_server, people.member)
    url = partnership.get_absolute_url()
    visits = [
        ("exchange rates", secretariat, "/exchange-rates/", None),
        ("correct a rate", secretariat, f"/exchange-rates/{rate.pk}/", None),
        ("delete a rate", secretariat, f"/exchange-rates/{rate.pk}/delete/", None),
        ("new funding", member, f"{url}funding/new/", None),
        ("attendance", member, f"{url}activity/{activity.pk}/attendance/", None),
        (
            "attendance, more rows",
            member,
            f"{url}activity/{activity.pk}/attendance/",
            more_rows,
        ),
        ("partnerships and exports", member, "/partnerships/", None),
    ]
    check_pages(live_server, visits)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_account_secretariat_round_and_results_pages_pass_and_fit_the_width(
    new_page, live_server, people, viewport
):
    published_request(people)
    published_listings(people)
    found = AllocationRound.objects.create(
        region=people.eastern_africa, created_by=people.coordinator, priority=0.5
    )
    rounds.round_work_out(found)
    load_theory_of_change()
    api_token_create(user=people.secretariat, name="laptop")
    size = VIEWPORTS[viewport]
    coordinator, secretariat = new_page(size), new_page(size)
    sign_in(coordinator, live_server, people.coordinator)
    sign_in(secretariat, live_server, people.secretariat)
    visits = [
        ("allocation round", coordinator, f"/rounds/{found.uuid}/", None),
        ("theory of change", coordinator, "/monitoring/theory-of-change/", None),
        ("printable report", coordinator, "/monitoring/report/", None),
        ("profile", coordinator, "/me/profile/", None),
        ("bulk import", coordinator, "/import/", None),
        ("my work, secretariat", secretariat, "/me/", None),
        ("roles", secretariat, "/roles/", None),
        ("exchange rates", secretariat, "/exchange-rates/", None),
        ("API tokens", secretariat, "/tokens/", None),
        ("new request, secretariat", secretariat, "/requests/new/", None),
    ]
    check_pages(live_server, visits)
