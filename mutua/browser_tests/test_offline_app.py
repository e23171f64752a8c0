"""Mutua as an app on a phone, in a real Chromium: it passes the browser's
installability check; pages visited, and the user's own pages, open without a
connection, marked as saved copies with their time; a page never kept shows the
offline page with what is kept; the page reloads when the connection returns;
logging out forgets the pages of the account."""

import socket

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.testcases import QuietWSGIRequestHandler
from django.test.utils import modify_settings
from django.urls import reverse
from playwright.sync_api import Page
from playwright.sync_api import expect

from mutua.testing.browser import CHROMIUM
from mutua.testing.browser import CHROMIUM_ARGS
from mutua.testing.browser import PHONE
from mutua.testing.browser import sign_in
from mutua.testing.builders import published_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_CONTEXT = {"viewport": PHONE, "is_mobile": True, "has_touch": True}


def controlled(page: Page, url: str) -> None:
    """Open the page once the service worker controls it, so that it is kept."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto(url)


class ServerThread(LiveServerThread):
    """Django's live server, which may start again on the port it left."""

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
        tmp_path, executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE_CONTEXT
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
