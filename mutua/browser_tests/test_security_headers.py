"""The pages, their HTMX and the API docs work under the Content-Security-Policy:
the browser reports no violation and no error on its console."""

import pytest
from playwright.sync_api import Page
from playwright.sync_api import expect

from mutua.monitoring.services import load_theory_of_change
from mutua.testing.browser import sign_in
from mutua.testing.builders import suggested_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation is also written to the console, whatever Chromium logs itself.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) =>
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
);
"""


def listen(page: Page) -> list[str]:
    """The console errors and uncaught exceptions of the page, as they come."""
    problems = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            message.type == "error" and problems.append(f"{page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


def test_pages_htmx_and_the_api_docs_break_no_rule_of_the_policy(
    new_page, live_server, people
):
    request, _offer = suggested_pair(people)
    load_theory_of_change()
    page = new_page()
    problems = listen(page)
    sign_in(page, live_server, people.member)

    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/requests/")
    page.fill("#q", "nothing-of-the-kind")
    expect(page.locator("#count")).to_have_text("0 results")
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(page.locator("#best-heading")).to_be_visible()
    page.goto(f"{live_server.url}/monitoring/")
    expect(page.locator("#trends")).to_have_text(
        "Five-year trends shown under each figure."
    )
    page.goto(f"{live_server.url}/accounts/login/")

    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(
        page.locator(".live-responses-table tbody .response-col_status").first
    ).to_have_text("200")
    assert not problems, "\n".join(problems)
