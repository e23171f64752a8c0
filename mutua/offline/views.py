"""The installable app: its manifest, its service worker, the page shown offline
when a page was never kept, and the list of the user's own pages to keep."""

import hashlib
import json

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from . import selectors

ICONS = [
    ("offline/icons/icon-192.png", "192x192", "any"),
    ("offline/icons/icon-512.png", "512x512", "any"),
    ("offline/icons/maskable-512.png", "512x512", "maskable"),
]
# The files every page needs, kept when the service worker is installed.
ASSETS = ["mutua/mutua.css", "offline/app.js", "django_htmx/htmx-2.min.js"]
THEME = "#0b6b45"


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "id": "/",
        "name": "Mutua",
        "short_name": "Mutua",
        "description": gettext(
            "Technical and scientific cooperation on biodiversity: needs, offers "
            "and partnerships."
        ),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": use}
            for path, sizes, use in ICONS
        ],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker's script, at the root so that its scope is the whole site. The
    browser checks it for a new version at every visit (no-cache); a new version
    of any kept file changes its text, and so the worker."""
    config = {
        "offline": reverse("offline:page"),
        "own": reverse("offline:own"),
        "assets": [static(path) for path in ASSETS],
    }
    config["version"] = hashlib.sha256(
        json.dumps(config, sort_keys=True).encode()
    ).hexdigest()[:12]
    text = render_to_string("offline/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(text, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline_page(request: HttpRequest) -> HttpResponse:
    return render(request, "offline/offline.html")


@require_safe
def own_pages(request: HttpRequest) -> JsonResponse:
    """The paths the service worker keeps for the signed-in user (none for others)."""
    if not request.user.is_authenticated:
        return JsonResponse({"pages": []}, status=401)
    response = JsonResponse({"pages": selectors.own_pages(request.user)})
    response["Cache-Control"] = "private, no-store"
    return response
