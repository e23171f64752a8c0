"""The exchange's actions as rows of its permission matrix.

Records in the status each row starts from, made through the services, and
the page, endpoint and effect of each action (see `matrix` for the cells).
"""

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition

from .matrix import Cell

TITLE = "Changed by the permission matrix"
LATER = timezone.localdate() + dt.timedelta(days=400)


# Records in the status each row starts from, made through the services ---------------

# Who takes each step; a submission by the endorser is endorsed at once.
REQUEST_STEPS = {
    "draft": [],
    "submitted": [("submit", "author")],
    "under_review": [("submit", "endorser")],
    "published": [("submit", "endorser"), ("publish", "reviewer")],
    "closed": [("submit", "endorser"), ("publish", "reviewer"), ("close", "author")],
}


def request_in(people, status: str, *, abroad: bool = False) -> Request:
    """A request of the Malawian NGO, or of the South African university `abroad`."""
    if abroad:
        author, organization = people.provider, people.university
        endorser = reviewer = people.secretariat
    else:
        author, organization = people.member, people.ngo
        endorser, reviewer = people.focal_point, people.coordinator
    record = request_create(
        by=author,
        country=organization.country,
        organization=organization,
        title="Barcoding of freshwater fish",
        challenge="Cichlid species cannot be told apart in surveys.",
        touches_iplc_lands="no",
    )
    by = {"author": author, "endorser": endorser, "reviewer": reviewer}
    for action, who in REQUEST_STEPS[status]:
        record = request_transition(
            request=record, action=action, by=by[who], reason="As planned."
        )
    assert record.status == status
    return record


LISTING_STEPS = {"draft": [], "published": ["publish"], "paused": ["publish", "pause"]}


LISTING_FIELDS = {
    Offer: {"description": "A course on barcoding.", "valid_until": LATER},
    Opportunity: {
        "description": "Grants for community wetland work.",
        "how_to_apply": "Send a two-page concept note.",
        "deadline": LATER,
    },
}


def listing_in(people, model: type[Offer | Opportunity], status: str):
    """An offer or opportunity of the South African university."""
    fields = {"title": "Barcoding course", **LISTING_FIELDS[model]}
    listing = listing_create(
        model, by=people.provider, organization=people.university, **fields
    )
    for action in LISTING_STEPS[status]:
        listing = listing_transition(listing=listing, action=action, by=people.provider)
    return listing


# Pages and endpoints of each action -------------------------------------------------

KIND = {Request: "request", Offer: "offer", Opportunity: "opportunity"}
PLURAL = {Request: "requests", Offer: "offers", Opportunity: "opportunities"}


def fresh(cell: Cell):
    return type(cell.record).objects.get(pk=cell.record.pk)


def transition(action: str, *targets: str, **data) -> dict:
    """Page, endpoint and effect of a lifecycle action leading to one of `targets`."""

    def web(cell: Cell) -> HttpResponse:
        kind = KIND[type(cell.record)]
        url = reverse(
            f"exchange:{kind}_action",
            kwargs={"uuid": cell.record.uuid, "action": action},
        )
        return cell.client.post(url, {**data, "confirm": "yes"})

    def api(cell: Cell) -> HttpResponse:
        path = f"/{PLURAL[type(cell.record)]}/{cell.record.uuid}/transitions"
        body = {"action": action, **{k: str(v) for k, v in data.items()}}
        return cell.call("POST", path, body)

    return {"web": web, "api": api, "done": lambda cell: fresh(cell).status in targets}


def edit(form: dict) -> dict:
    """Page, endpoint and effect of changing a record's title."""

    def web(cell: Cell) -> HttpResponse:
        url = reverse(
            f"exchange:{KIND[type(cell.record)]}_edit", args=[cell.record.uuid]
        )
        return cell.client.post(url, {**form, "title": TITLE})

    def api(cell: Cell) -> HttpResponse:
        path = f"/{PLURAL[type(cell.record)]}/{cell.record.uuid}"
        return cell.call("PATCH", path, {"title": TITLE})

    return {"web": web, "api": api, "done": lambda cell: fresh(cell).title == TITLE}


def view() -> dict:
    def web(cell: Cell) -> HttpResponse:
        return cell.client.get(cell.record.get_absolute_url())

    def api(cell: Cell) -> HttpResponse:
        return cell.call("GET", f"/{PLURAL[type(cell.record)]}/{cell.record.uuid}")

    return {"web": web, "api": api, "ok_status": 200}


def create(model: type[Model], form: Callable[[Cell], dict], body: Callable) -> dict:
    """Page, endpoint and effect of drafting a record titled TITLE."""

    def web(cell: Cell) -> HttpResponse:
        url = reverse(f"exchange:{KIND[model]}_new")
        return cell.client.post(url, {**form(cell), "title": TITLE})

    def api(cell: Cell) -> HttpResponse:
        return cell.call("POST", f"/{PLURAL[model]}", {**body(cell), "title": TITLE})

    def done(cell: Cell) -> bool:
        return model.objects.filter(title=TITLE, created_by=cell.user).exists()

    return {"setup": lambda cell: None, "web": web, "api": api, "done": done}


def request_form(organization: str | None) -> Callable[[Cell], dict]:
    def form(cell: Cell) -> dict:
        people = cell.people
        org = getattr(people, organization).pk if organization else ""
        return {
            "country": people.malawi.pk,
            "organization": org,
            "challenge": "Aquatic plant beds are shrinking and nobody maps them.",
            "level": "national",
        }

    return form


def request_body(organization: str | None) -> Callable[[Cell], dict]:
    def body(cell: Cell) -> dict:
        org = getattr(cell.people, organization) if organization else None
        return {
            "country": "MWI",
            "organization": str(org.uuid) if org else None,
            "challenge": "Aquatic plant beds are shrinking and nobody maps them.",
        }

    return body


def offer_form(cell: Cell) -> dict:
    return {
        "organization": cell.people.university.pk,
        "description": "Hands-on course on seed bank curation.",
        "capacity": "2",
        "valid_until": LATER.isoformat(),
        "serves_everywhere": "on",
        "serves_as": "preference",
    }


def offer_body(cell: Cell) -> dict:
    return {
        "organization": str(cell.people.university.uuid),
        "description": "Hands-on course on seed bank curation.",
        "valid_until": LATER.isoformat(),
    }


def opportunity_form(cell: Cell) -> dict:
    return {
        "organization": cell.people.university.pk,
        "description": "Travel grants for partners.",
        "how_to_apply": "Write to us.",
        "deadline": LATER.isoformat(),
    }


def opportunity_body(cell: Cell) -> dict:
    return {**opportunity_form(cell), "organization": str(cell.people.university.uuid)}


REQUEST_EDIT_FORM = {
    "challenge": "Cichlid species are declining and cannot be told apart.",
    "level": "national",
    "touches_iplc_lands": "no",
}
OFFER_EDIT_FORM = {
    "description": "Two-week hands-on course on barcoding freshwater fauna.",
    "capacity": "2",
    "valid_until": LATER.isoformat(),
    "serves_everywhere": "on",
    "serves_as": "preference",
}
OFFER_CSV = (
    "title,country,organization,description,valid_until\r\n"
    f"{TITLE},ZAF,University of Cape Town,A course.,{LATER.isoformat()}\r\n"
)


def import_offers(cell: Cell) -> HttpResponse:
    upload = SimpleUploadedFile("offers.csv", OFFER_CSV.encode(), "text/csv")
    return cell.client.post("/import/", {"file": upload, "kind": "offers"})


def starting(status: str, *, model: type[Model] = Request, abroad: bool = False):
    if model is Request:
        return lambda cell: request_in(cell.people, status, abroad=abroad)
    return lambda cell: listing_in(cell.people, model, status)
