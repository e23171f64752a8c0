"""Every page of ours can be reached by following links from the home page.

As each persona, the crawl starts at "/" and follows every same-site link with GET,
a few URLs per page, and notes which named URL patterns it reached. A page that no
link reaches for anyone is a page nobody finds: the test names it. Every answer
the crawl gets carries the security headers.
"""

import datetime as dt
from collections import deque
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urldefrag
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client
from django.test import override_settings
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import resolve
from django.urls.exceptions import Resolver404

from mutua.calls.services import documents
from mutua.calls.services import panel
from mutua.calls.services import questions
from mutua.calls.services import selection
from mutua.community import services as community
from mutua.cooperation import services as cooperation
from mutua.core.middleware import CONTENT_SECURITY_POLICY
from mutua.core.middleware import PERMISSIONS_POLICY
from mutua.directory import services as directory
from mutua.exchange.models import Opportunity
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.importing.models import ImportJob
from mutua.matching import rounds
from mutua.matching.models import AllocationRound
from mutua.monitoring.services import load_theory_of_change
from mutua.testing.builders import entered
from mutua.testing.builders import request_fields
from mutua.testing.builders import suggested_pair
from mutua.testing.builders import training
from mutua.testing.calls import call_in_assessment
from mutua.testing.calls import draft_call
from mutua.testing.calls import open_call
from mutua.testing.calls import pdf
from mutua.testing.calls import shortlisted_call
from mutua.testing.calls import started_application

pytestmark = pytest.mark.django_db

PERSONAS = (
    None,
    "focal_point",
    "coordinator",
    "member",
    "provider",
    "outsider",
    "secretariat",
)
# Whole URL trees that are not pages of ours to link to.
SKIPPED_NAMESPACES = {
    "admin",  # Django's admin: staff reach it by its address
    "api",  # the REST API: documented at /api/docs, read by programs
}
SKIPPED_PATTERNS = {
    # Actions reached only by a form's POST, never by a link.
    "set_language",
    "matching:propose",
    "matching:answer",
    "matching:follow",
    "matching:round_change",
    "community:handle",
    "exchange:request_action",
    "exchange:offer_action",
    "exchange:opportunity_action",
    "calls:call_document_add",
    "calls:ask",
    "calls:application_document_add",
    "matching:take_up",
    "notifications:read",
    "community:follow",
    "community:moderate",
    "community:post_action",
    # Reached by a form that asks with GET.
    "community:search",
    # HTMX fragments, fetched by the page that shows them.
    "monitoring:trends",
    "matching:offer_answers",
    # Reached from the e-mails that carry it, signed for their recipient.
    "notifications:unsubscribe",
    # Where a form sends its user after a POST.
    "importing:done",
    # Asked for by the browser and the service worker, not followed as links
    # (offline/tests/test_app.py and browser_tests/test_offline_app.py).
    "offline:manifest",
    "offline:service_worker",
    "offline:page",
    "offline:own",
}
# allauth's log-in and sign-up are pages of ours; its other pages are linked from
# them or from the mails it sends.
ALLAUTH_PAGES = {"account_login", "account_signup"}
ALLAUTH_PREFIXES = ("account_", "socialaccount_", "mfa_", "headless")
PER_PATTERN = 3  # URLs visited for each named pattern, enough to find its links
# Pages whose links change with their record's status: one visit per status.
PER_PATTERN_OF = {
    "calls:call": 8,
    "calls:panel": 8,
    "calls:application": 8,
    "calls:selection": 4,
}
PER_PERSONA = 400


def named_patterns(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            if inner in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            names |= named_patterns(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def ours(name: str) -> bool:
    if name in SKIPPED_PATTERNS:
        return False
    return name in ALLAUTH_PAGES or not name.startswith(ALLAUTH_PREFIXES)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def same_site(href: str) -> str | None:
    parts = urlsplit(urldefrag(href)[0])
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def route_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client) -> tuple[set[str], dict[str, HttpResponse]]:
    """The named patterns reached from "/" by following links with GET, and the
    answer to each URL visited."""
    reached: dict[str, int] = {}
    answers: dict[str, HttpResponse] = {}
    queue, seen = deque(["/"]), {"/"}
    while queue and len(seen) <= PER_PERSONA:
        url = queue.popleft()
        response = answers[url] = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        links = Links()
        links.feed(response.content.decode())
        for href in links.hrefs:
            path = same_site(href)
            name = path and route_name(path)
            limit = PER_PATTERN_OF.get(name, PER_PATTERN)
            if not name or path in seen or reached.get(name, 0) >= limit:
                continue
            reached[name] = reached.get(name, 0) + 1
            seen.add(path)
            queue.append(path)
    return set(reached) | {"directory:home"}, answers


@pytest.fixture
def records(people):
    """Something of every kind, so that every detail and edit page exists."""
    suggested_pair(people)
    listing_create(
        Opportunity,
        by=people.provider,
        organization=people.university,
        title="Travel grants",
        description="Travel grants for partners.",
        how_to_apply="Write to us.",
        deadline=dt.date(2099, 1, 1),
    )
    training(people, entered(people))
    found = AllocationRound.objects.create(
        region=people.eastern_africa, created_by=people.coordinator, priority=0.5
    )
    rounds.round_work_out(found)
    community.ticket_open(
        by=people.member,
        country=people.malawi,
        subject="Where do we start?",
        message="We need help to describe our request.",
    )
    space = community.space_create(by=people.secretariat, kind="theme", title="Seeds")
    community.thread_start(
        space=space, by=people.secretariat, title="Seed banks", text="Who keeps one?"
    )
    for name in ("focal_point", "coordinator", "provider", "secretariat"):
        directory.api_token_create(user=getattr(people, name), name="laptop")
    load_theory_of_change()
    waiting = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(title="Wetland inventory"),
    )
    for action, by in (("submit", people.member), ("endorse", people.focal_point)):
        waiting = request_transition(request=waiting, action=action, by=by)
    ImportJob.objects.create(
        by=people.member,
        filename="requests.csv",
        kind="requests",
        status=ImportJob.Status.DONE,
        result={"kind": "requests", "created": 0, "existing": 0, "records": []},
    )
    call = open_call(people)
    application = started_application(people, call)
    documents.document_add_to_application(
        application=application, by=people.member, upload=pdf()
    )
    documents.document_add_to_call(call=call, by=people.coordinator, upload=pdf())
    draft_call(people, title="Host of the Southern Africa support centre")
    questions.question_ask(call=call, by=people.provider, text="May partners apply?")
    _assessed, applied = call_in_assessment(people, title="Host of the Sahel centre")
    panel.declare(application=applied, by=people.provider, conflict=False)
    for accept in (True, False):  # a selection accepted, and one awaiting
        other = f"Hub {accept}"
        _shortlisted, (best, _next) = shortlisted_call(people, other=other)
        chosen = selection.selection_make(
            application=best, by=people.secretariat, justification="The best."
        )
        if accept:
            selection.selection_answer(selection=chosen, by=people.member, accept=True)
    cooperation.exchange_rate_set(
        by=people.secretariat,
        currency="EUR",
        valid_from=dt.date(2026, 1, 1),
        per_reporting_unit=Decimal("0.9"),
        source="ECB",
    )


SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Four hundred pages, the slowest test of all: it runs with the slow ones.
@pytest.mark.slow
@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
def test_every_page_is_linked_for_someone_and_sends_the_security_headers(
    people, records
):
    """One crawl as every persona, over HTTPS (behind the proxy) with production's
    HSTS settings: every page is reached by a link, and every answer carries the
    security headers."""
    reached, wrong = set(), set()
    for persona in PERSONAS:
        client = Client(headers={"X-Forwarded-Proto": "https"})
        if persona:
            client.force_login(getattr(people, persona))
        names, answers = crawl(client)
        reached |= names
        for url, response in answers.items():
            wrong |= {
                f"{url} {name}: {response.headers.get(name)}"
                for name, value in SECURITY_HEADERS.items()
                if response.headers.get(name) != value
            }
    unreached = sorted(n for n in named_patterns() if ours(n) and n not in reached)
    assert not unreached, f"No link reaches these pages: {', '.join(unreached)}"
    assert not wrong, "\n".join(sorted(wrong))


def test_the_account_menu_leads_to_the_profile_import_and_tokens(client, people):
    client.force_login(people.provider)
    body = client.get("/").content.decode()
    for url in ("/me/profile/", "/import/", "/tokens/"):
        assert f'href="{url}"' in body
    assert 'href="/me/profile/"' not in Client().get("/").content.decode()


@pytest.mark.parametrize(
    ("persona", "sees"), [("secretariat", True), ("coordinator", False)]
)
def test_only_the_secretariat_finds_roles_and_rates_in_its_work(
    client, people, persona, sees
):
    client.force_login(getattr(people, persona))
    body = client.get("/me/").content.decode()
    assert ('href="/roles/"' in body) is sees
    assert ('href="/exchange-rates/"' in body) is sees
