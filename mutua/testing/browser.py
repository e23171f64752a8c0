"""For the browser tests: the viewports, a signed-in page, whether a page fits its
width, axe-core's findings with a failure message that lists them, and a
journey that checks every page it visits."""

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def sign_in(page: Page, live_server, user) -> None:
    """Give the page's context a session of this user, without the log-in form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def no_sideways_scroll(page: Page) -> bool:
    """Whether the page fits its viewport's width (no horizontal scrolling)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"]


AXE = Axe()
BLOCKING = {"serious", "critical"}


def violations(page: Page, where: str) -> list[tuple[bool, str]]:
    """(blocking?, what and where) of each axe violation on the page."""
    found = []
    for violation in AXE.run(page).response["violations"]:
        node = violation["nodes"][0]
        found.append(
            (
                violation["impact"] in BLOCKING,
                f"{where}: {violation['id']} ({violation['impact']}) at "
                f"{' '.join(map(str, node['target']))} — {violation['help']}"
                f" ({len(violation['nodes'])} element(s))",
            )
        )
    return found


def report(found: list[tuple[bool, str]]) -> str:
    """List the blocking violations first, then the others."""
    blocking = [line for block, line in found if block]
    other = [line for block, line in found if not block]
    return "\n".join(
        ["Serious or critical:", *blocking, "Moderate or minor:", *(other or ["none"])]
    )


class Journey:
    """The pages visited, each checked for axe-core's findings and its width."""

    def __init__(self, live_server):
        self.url = live_server.url
        self.problems: list[tuple[bool, str]] = []

    def go(self, page: Page, path: str) -> None:
        page.goto(f"{self.url}{path}")
        self.check(page)

    def check(self, page: Page) -> None:
        where = page.url.removeprefix(self.url)
        self.problems += violations(page, where)
        assert no_sideways_scroll(page), where

    def confirm(self, page: Page, link: str, button: str | None = None) -> None:
        page.get_by_role("link", name=link, exact=True).click()
        self.check(page)
        page.get_by_role("button", name=button or link, exact=True).click()
