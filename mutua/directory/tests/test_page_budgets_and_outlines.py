"""Public pages stay within their weight budget, and every page has landmarks,
ordered headings and labelled controls."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.http import members_url
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """Headings, form controls, labels and sub-resources of a page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict] = []
        self.labelled: set[str] = set()
        self.resources: list[str] = []
        self.landmarks: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer"}:
            self.landmarks.add(tag)
        if tag == "label":
            self.in_label += 1
            self.labelled.add(attrs.get("for") or "")
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append(attrs | {"wrapped": bool(self.in_label)})
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.resources.append(attrs["href"])
        if tag in {"script", "img", "iframe"} and attrs.get("src"):
            self.resources.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def public_pages(people) -> list[str]:
    published_request(people)
    published_offer(people)
    return [
        "/",
        "/countries/",
        "/countries/MWI/",
        "/organizations/",
        "/organizations/?q=wetlands&type=ngo",
        people.ngo.get_absolute_url(),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_public_pages_stay_within_the_budget(client, people):
    for url in public_pages(people):
        response = client.get(url)
        outline = Outline()
        outline.feed(text(response))
        assert len(outline.resources) + 1 <= 8, url
        weight = len(gzip.compress(response.content))
        for resource in outline.resources:
            name = resource.removeprefix(settings.STATIC_URL)
            path = finders.find(name)
            with open(path, "rb") as static:
                weight += len(gzip.compress(static.read()))
        assert weight < 60 * 1024, url


def test_pages_have_landmarks_ordered_headings_and_labelled_controls(client, people):
    pages = [text(client.get(url)) for url in public_pages(people)]
    client.force_login(people.secretariat)
    pages += [
        text(client.get(url))
        for url in [
            reverse("directory:organization_new"),
            members_url(people),
            reverse("directory:roles"),
            reverse("directory:tokens"),
            reverse("directory:profile"),
            reverse("account_logout"),
            reverse("account_change_password"),
        ]
    ]
    for page in pages:
        outline = Outline()
        outline.feed(page)
        url = re.search(r"<title>(.*?)</title>", page, re.S)[1]
        assert {"header", "nav", "main", "footer"} <= outline.landmarks, url
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1, url
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, url
        for control in outline.controls:
            labelled = (
                control["wrapped"]
                or control.get("id") in outline.labelled
                or control.get("aria-label")
            )
            assert labelled, (url, control)
