"""Mutua as an app on a phone, in a real Chromium: it passes the browser's
installability check; pages visited, and the user's own pages, open without a
connection, marked as saved copies with their time; a page never kept shows the
offline page with what is kept; the page reloads when the connection returns;
logging out forgets the pages of the account."""

import socket

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.testcases import QuietWSGIRequestHandler
from django.test.utils import modify_settings
from django.urls import reverse
from playwright.sync_api import Page
from playwright.sync_api import expect

from mutua.cooperation.models import Activity
from mutua.testing.browser import CHROMIUM_ARGS
from mutua.testing.browser import PHONE
from mutua.testing.browser import sign_in
from mutua.testing.builders import entered
from mutua.testing.builders import published_request
from mutua.testing.matrix import fingerprint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_CONTEXT = {"viewport": PHONE, "is_mobile": True, "has_touch": True}


def controlled(page: Page, url: str) -> None:
    """Open the page once the service worker controls it, so that it is kept."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto(url)


class Server(ThreadedWSGIServer):
    """Django's threaded server, whose request threads leave the shared in-memory
    database alone when their connection ends. Django never closes an in-memory
    database; its close would only check that the database is still shared, which
    it no longer is when a browser's idle connection ends after the site is cut."""

    def _close_connections(self):
        shared = set(self.connections_override.values())
        for connection in connections.all(initialized_only=True):
            if connection not in shared:
                connection.close()


class ServerThread(LiveServerThread):
    """Django's live server, which may start again on the port it left."""

    server_class = Server

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )


class Site:
    """A live server the test takes off the network and puts back. The browser
    goes offline with it: its offline emulation alone reaches a service worker
    only some moments later, so the server stops too, and nothing answers."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("localhost", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://localhost:{self.port}"
        self.shared = {
            c.alias: c
            for c in connections.all()
            if c.vendor == "sqlite" and c.is_in_memory_db()
        }
        self.thread = None
        self.start()

    def start(self) -> None:
        for connection in self.shared.values():
            connection.inc_thread_sharing()
        self.thread = ServerThread(
            "localhost",
            StaticFilesHandler,
            connections_override=self.shared,
            port=self.port,
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.terminate()
            self.thread = None
            for connection in self.shared.values():
                connection.dec_thread_sharing()

    def cut(self, page: Page) -> None:
        page.context.set_offline(True)
        self.stop()

    def restore(self, page: Page) -> None:
        self.start()
        page.context.set_offline(False)


@pytest.fixture
def site():
    with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
        site = Site()
        yield site
        site.stop()


def kept(page: Page) -> list[str]:
    """The addresses of the pages the service worker keeps, newest first."""
    return page.evaluate(
        """() => caches.open("mutua-state").then((s) => s.match("/offline/kept"))
             .then((r) => (r ? r.json() : [])).then((i) => i.map((p) => p.url))"""
    )


def wait_until_kept(page: Page, url: str) -> None:
    for _ in range(100):
        if url in kept(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} was never kept: {kept(page)}")


def test_chromium_finds_the_app_installable(browser, live_server, tmp_path):
    # A profile of its own: Chromium installs nothing from an incognito context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=settings.CHROMIUM, args=CHROMIUM_ARGS, **PHONE_CONTEXT
    )
    try:
        page = context.new_page()
        controlled(page, f"{live_server.url}/")
        session = context.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        manifest = session.send("Page.getAppManifest")
        assert not manifest["errors"], manifest["errors"]
    finally:
        context.close()


def test_pages_open_offline_as_saved_copies_and_logging_out_forgets_them(
    new_page, site, people
):
    request = published_request(people)
    page = new_page()
    sign_in(page, site, people.member)
    url = f"{site.url}{request.get_absolute_url()}"
    controlled(page, url)
    # The user's own pages are kept too, without being opened.
    own_matches = f"{site.url}{reverse('matching:request', args=[request.uuid])}"
    wait_until_kept(page, own_matches)

    site.cut(page)
    page.goto(url)
    expect(page.locator("#saved-copy")).to_be_visible()
    expect(page.locator("#saved-copy time")).not_to_be_empty()
    expect(page.get_by_role("heading", level=1)).to_contain_text(request.title)
    page.goto(own_matches)
    expect(page.locator("#saved-copy")).to_be_visible()

    page.goto(f"{site.url}/organizations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("#offline-list a").first).to_be_visible()
    titles = page.locator("#offline-list a").all_text_contents()
    assert any(request.title in title for title in titles), titles

    with page.expect_navigation():
        site.restore(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Organizations")
    expect(page.locator("#saved-copy")).to_be_hidden()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{site.url}/")
    assert url not in kept(page) and own_matches not in kept(page)
    site.cut(page)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")


def test_a_field_report_written_offline_is_sent_once_when_the_connection_returns(
    new_page, site, people
):
    partnership = entered(people)
    page = new_page()
    sign_in(page, site, people.member)
    report_page = (
        f"{site.url}{reverse('cooperation:field_report', args=[partnership.uuid])}"
    )
    controlled(page, report_page)
    wait_until_kept(page, report_page)

    site.cut(page)
    page.reload()
    expect(page.locator("#saved-copy")).to_be_visible()
    page.get_by_label("Title").fill("Mangrove survey training")
    page.get_by_label("Kind of activity").select_option("awareness_raising")
    page.get_by_label("Delivered").select_option("face_to_face")
    page.get_by_label("Held on").fill("2026-06-10")
    page.get_by_label("People reached").fill("25")
    group = page.locator("[data-attendance-row]").first
    group.get_by_label("Stakeholder type").select_option("government")
    group.get_by_label("Role").select_option("policymaker")
    group.get_by_label("Gender").select_option("woman")
    group.get_by_label("How many").fill("4")
    page.get_by_role("button", name="Keep and send").click()
    waiting = page.locator("#outbox li")
    expect(waiting).to_contain_text("Mangrove survey training")
    expect(waiting).to_contain_text("Waiting for a connection")

    page.reload()  # the app opened again, still offline: the report waits
    expect(page.locator("#outbox li")).to_contain_text("Waiting for a connection")
    assert not Activity.objects.filter(title="Mangrove survey training").exists()

    with page.expect_navigation():
        site.restore(page)
    expect(page.locator("#outbox li")).to_contain_text("Sent")
    activity = Activity.objects.get(title="Mangrove survey training")
    assert activity.recorded_by == people.member
    assert list(activity.attendance.values_list("count", flat=True)) == [4]
    page.goto(f"{site.url}{partnership.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Mangrove survey training")
    # Counted by the indicator of people reached by awareness raising.
    page.goto(f"{site.url}/monitoring/indicators/TSC-08/records/?year=2026")
    expect(page.locator("main")).to_contain_text("Mangrove survey training")

    # The phone did not hear back and sends the same report again: nothing changes.
    page.goto(report_page)
    before = fingerprint()
    page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("mutua", 1);
             open.onsuccess = () => {
               const store = open.result.transaction("outbox", "readwrite").objectStore("outbox");
               store.getAll().onsuccess = (event) => {
                 const report = event.target.result[0];
                 report.status = "waiting";
                 store.put(report).onsuccess = resolve;
               };
             };
           })"""
    )
    page.reload()
    expect(page.locator("#outbox li")).to_contain_text("Sent")
    assert Activity.objects.filter(title="Mangrove survey training").count() == 1
    assert fingerprint() == before


def test_a_refused_field_report_stays_with_the_servers_reason_until_discarded(
    new_page, site, people
):
    partnership = entered(people)
    page = new_page()
    sign_in(page, site, people.member)
    page.goto(
        f"{site.url}{reverse('cooperation:field_report', args=[partnership.uuid])}"
    )
    page.get_by_label("Title").fill("Report without a date")
    page.get_by_label("Kind of activity").select_option("joint_training")
    page.get_by_role("button", name="Keep and send").click()
    refused = page.locator("#outbox li")
    expect(refused).to_contain_text("Refused by the server")
    expect(refused).to_contain_text("held_on")
    page.reload()
    expect(page.locator("#outbox li")).to_contain_text("Refused by the server")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#outbox li").get_by_role("button", name="Discard").click()
    expect(page.locator("#outbox li")).to_have_count(0)
    assert not partnership.activities.exists()
