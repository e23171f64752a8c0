"""The public pages' weight and requests, labels, landmarks and headings."""

import gzip
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from mutua.testing.builders import offer
from mutua.testing.builders import opportunity
from mutua.testing.builders import published
from mutua.testing.builders import under_review
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


class PageAudit(HTMLParser):
    """Collect what a page loads, its headings, and its form controls and labels."""

    def __init__(self):
        super().__init__()
        self.loads, self.headings, self.controls = [], [], []
        self.label_for, self.in_label, self.landmarks = set(), 0, set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.loads.append(a["href"])
        if tag in ("img", "iframe", "video", "audio"):
            self.loads.append(a.get("src", tag))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("main", "nav", "header", "footer"):
            self.landmarks.add(tag)
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
        ):
            labelled = self.in_label or a.get("aria-label") or a.get("aria-labelledby")
            self.controls.append((a.get("id"), bool(labelled), a.get("name")))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def audit(body: str) -> PageAudit:
    page = PageAudit()
    page.feed(body)
    return page


def public_pages(people, many: int = 1) -> list[str]:
    """The public pages, the request list with `many` long rows (others with two)."""
    for n in range(many):
        published(people, title=f"Need {n} " * 8, challenge="Long text. " * 80)
    for n in range(min(many, 2)):
        offer(people, title=f"Offer {n} " * 8, description="Long text. " * 80)
        opportunity(people, title=f"Call {n} " * 8, description="Long text. " * 80)
    return [
        "/requests/",
        "/offers/",
        "/opportunities/",
        published(people, touches_iplc_lands="yes").get_absolute_url(),
        offer(people).get_absolute_url(),
        opportunity(people).get_absolute_url(),
    ]


def test_public_pages_stay_within_the_size_and_request_budget(client, people):
    for url in public_pages(people, many=20):
        body = client.get(url).content
        page = audit(body.decode())
        assert len(page.loads) + 1 <= 8, page.loads
        total = len(gzip.compress(body))
        for src in page.loads:
            assert src.startswith("/static/"), src  # nothing from elsewhere
            path = finders.find(src.removeprefix("/static/"))
            total += len(gzip.compress(Path(path).read_bytes()))
        assert total < 60 * 1024, (url, total)


def test_every_form_control_has_a_label(client, people):
    request = under_review(people)
    published(people)
    pages = [
        (None, "/requests/"),
        (people.coordinator, request.get_absolute_url()),
        (people.coordinator, "/review/"),
        (people.focal_point, "/requests/new/"),
        (people.focal_point, "/offers/new/"),
        (people.provider, "/opportunities/new/"),
    ]
    for user, url in pages:
        if user is not None:
            client.force_login(user)
        page = audit(text(client.get(url)))
        assert page.controls, url
        for control_id, wrapped, name in page.controls:
            assert wrapped or control_id in page.label_for, (url, name)


def test_pages_have_landmarks_and_headings_in_order(client, people):
    urls = public_pages(people)
    client.force_login(people.member)
    urls += ["/requests/new/", "/me/", "/review/"]
    for url in urls:
        page = audit(text(client.get(url)))
        assert {"main", "nav", "header", "footer"} <= page.landmarks
        assert page.headings[0] == 1 and page.headings.count(1) == 1, url
        for before, after in pairwise(page.headings):
            assert after <= before + 1, (url, page.headings)


def test_the_language_switcher_posts_to_set_language(client, people):
    body = text(client.get("/requests/"))
    assert 'action="/i18n/setlang/"' in body
    for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español")):
        assert f'value="{code}" lang="{code}"' in body and name in body
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/requests/"})
    assert (
        response.status_code == 302
        and response.cookies["django_language"].value == "fr"
    )
