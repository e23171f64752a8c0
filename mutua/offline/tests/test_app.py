"""The installable app's parts: the manifest in the reader's language and
direction, icons of the sizes phones ask for, the service worker at the root with
its scope and cache headers, the offline page, the user's own pages to keep, and
the account each page names so that no device shows one account's pages to another."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from mutua.exchange.services.requests import request_create
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.builders import request_fields

pytestmark = pytest.mark.django_db


def png_size(path: str) -> tuple[int, int]:
    with open(finders.find(path), "rb") as image:
        head = image.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_the_manifest_names_the_app_its_icons_and_how_it_opens(client):
    response = client.get(reverse("offline:manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["name"], manifest["display"], manifest["start_url"]) == (
        "Mutua",
        "standalone",
        "/",
    )
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        width, height = png_size(icon["src"].removeprefix("/static/"))
        assert f"{width}x{height}" == icon["sizes"]


def test_the_manifest_speaks_the_readers_language_and_direction(client):
    arabic = client.get(reverse("offline:manifest"), HTTP_ACCEPT_LANGUAGE="ar").json()
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    assert (
        arabic["description"]
        != client.get(reverse("offline:manifest")).json()["description"]
    )
    english = client.get(reverse("offline:manifest"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["dir"] == "ltr"


def test_the_service_worker_is_served_from_the_root_and_checked_at_every_visit(
    client,
):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    text = response.content.decode()
    assert "{{" not in text and "{%" not in text
    for asset in ("/static/mutua/mutua.css", "/static/offline/app.js"):
        assert f'"{asset}"' in text
        assert client.get(asset).status_code == 200
    assert '"offline": "/offline/"' in text


def test_every_page_links_the_manifest_and_the_app_script(client):
    page = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert 'src="/static/offline/app.js"' in page
    assert 'dir="ltr"' in page


def test_the_service_worker_keeps_every_script_and_stylesheet_a_page_loads(client):
    """A file a page loads but the worker does not keep (a library renamed in an
    upgrade) would leave the kept pages bare offline."""
    page = client.get("/").content.decode()
    loaded = set(re.findall(r'<script[^>]* src="([^"]+)"', page))
    loaded |= set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', page))
    config = re.search(
        r"const CONFIG = (\{.*\});", client.get("/sw.js").content.decode()
    )
    kept = set(json.loads(config.group(1))["assets"])
    assert len(loaded) >= 3 and loaded <= kept, loaded - kept


def test_the_offline_page_is_a_page_of_its_own(client):
    response = client.get(reverse("offline:page"))
    assert response.status_code == 200
    assert 'id="offline-list"' in response.content.decode()


def test_own_pages_are_those_of_the_users_records_and_nobody_elses(client, people):
    assert client.get(reverse("offline:own")).status_code == 401
    draft = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    request = published_request(people)
    offer = published_offer(people)
    client.force_login(people.member)
    own = client.get(reverse("offline:own")).json()["pages"]
    assert draft.get_absolute_url() in own and request.get_absolute_url() in own
    assert reverse("matching:request", args=[request.uuid]) in own
    assert offer.get_absolute_url() not in own
    client.force_login(people.outsider)
    assert client.get(reverse("offline:own")).json()["pages"] == [
        reverse("exchange:me")
    ]
    client.force_login(people.provider)
    assert (
        offer.get_absolute_url() in client.get(reverse("offline:own")).json()["pages"]
    )


def test_each_page_names_its_account_and_no_two_accounts_alike(client, people):
    seen = {}
    for persona in ("member", "provider", "member"):
        client.force_login(getattr(people, persona))
        key = client.get("/")["Mutua-Account"]
        assert seen.setdefault(persona, key) == key
    assert seen["member"] != seen["provider"]
    assert len(seen["member"]) == 20  # a keyed hash, not the account's number
    client.logout()
    assert client.get("/")["Mutua-Account"] == "anonymous"
    assert "Mutua-Account" not in client.get("/api/v1/requests")
