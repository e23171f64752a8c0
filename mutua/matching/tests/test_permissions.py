"""Who may do what in matching: every persona against every action, on the pages
and over the API.

The matrix below is the rule book, read as in `mutua.testing.matrix`: `ok`
allowed, `no` refused with 403, `404` refused as if the record did not exist,
`login` a visitor sent to log in (the API says 401). Every refused cell also
checks that nothing was written: the fingerprint probes every table of every
app, matching's matches, suggestions and allocation rounds among them.

Who may do what follows section 3 of the specification: anyone sees a published
request's suggestions and matches; either side proposes one of the suggested
offers, a coordinator of the request's region (or the secretariat) any offer; a
match waits for each side's answer, given by that side only (the requester's
members and its country's focal points, the provider's members); a focal point
answers its country's proposals from one page; a region's coordinators and the
secretariat run its allocation rounds.
"""

from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.urls import reverse

from mutua.exchange.services import requests as exchange
from mutua.matching import rounds
from mutua.matching import services
from mutua.matching.models import AllocationRound
from mutua.matching.models import Match
from mutua.matching.models import RoundPair
from mutua.matching.models import Suggestion
from mutua.testing.builders import published_offer
from mutua.testing.builders import request_fields
from mutua.testing.builders import suggested_pair
from mutua.testing.matrix import PROBES
from mutua.testing.matrix import Cell
from mutua.testing.matrix import Row
from mutua.testing.matrix import matrix_tests

pytestmark = pytest.mark.django_db

REASON = "Our trainers are busy until March."


# Records each row starts from, made through the services ------------------------------


def suggested(cell: Cell) -> SimpleNamespace:
    """A published request of the Malawian NGO and the university's offer suggested
    for it."""
    request, offer = suggested_pair(cell.people)
    return SimpleNamespace(request=request, offer=offer)


def draft(cell: Cell) -> SimpleNamespace:
    """A request the NGO has drafted and not yet submitted."""
    people = cell.people
    request = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    return SimpleNamespace(request=request)


def unsuggested(cell: Cell) -> SimpleNamespace:
    """A published request, and an offer published after its suggestions."""
    found = suggested(cell)
    found.offer = published_offer(cell.people, title="Unsuggested course")
    return found


def proposed_by(persona: str):
    """A match of the suggested pair, proposed (and so accepted) by one side."""

    def setup(cell: Cell) -> SimpleNamespace:
        found = suggested(cell)
        found.match = services.match_propose(
            request=found.request,
            offer=found.offer,
            by=getattr(cell.people, persona),
        )
        return found

    return setup


def worked_out_round(cell: Cell) -> SimpleNamespace:
    """A round of Eastern Africa, worked out: the suggested pair is its one pair."""
    found = suggested(cell)
    found.round = rounds.round_start(
        region=cell.people.eastern_africa, by=cell.people.coordinator
    )
    rounds.round_work_out(found.round)
    return found


# Pages and endpoints of each action ----------------------------------------------------


def request_page(cell: Cell) -> HttpResponse:
    return cell.client.get(reverse("matching:request", args=[cell.record.request.uuid]))


def request_endpoint(what: str):
    def api(cell: Cell) -> HttpResponse:
        return cell.call("GET", f"/requests/{cell.record.request.uuid}/{what}")

    return api


def propose() -> dict:
    def web(cell: Cell) -> HttpResponse:
        url = reverse("matching:propose", args=[cell.record.request.uuid])
        return cell.client.post(url, {"offer": str(cell.record.offer.uuid)})

    def api(cell: Cell) -> HttpResponse:
        body = {
            "request": str(cell.record.request.uuid),
            "offer": str(cell.record.offer.uuid),
        }
        return cell.call("POST", "/matches", body)

    return {"web": web, "api": api, "done": lambda cell: Match.objects.exists()}


def answer(accept: bool, side: str) -> dict:
    """Accept or decline a match; done when `side`'s answer is recorded."""
    wanted = "accepted" if accept else "declined"

    def web(cell: Cell) -> HttpResponse:
        url = reverse("matching:answer", args=[cell.record.match.uuid])
        data = {"answer": "accept"} if accept else {"answer": "decline"}
        return cell.client.post(url, {**data, "reason": REASON})

    def api(cell: Cell) -> HttpResponse:
        path = f"/matches/{cell.record.match.uuid}/answer"
        return cell.call("POST", path, {"accept": accept, "reason": REASON})

    def done(cell: Cell) -> bool:
        match = Match.objects.get(pk=cell.record.match.pk)
        return getattr(match, f"{side}_decision") == wanted

    return {"web": web, "api": api, "done": done}


def page(name: str, record: str | None = None):
    """GET a page of matching, of the row's record named `record` if any."""

    def web(cell: Cell) -> HttpResponse:
        args = [getattr(cell.record, record).uuid] if record else []
        return cell.client.get(reverse(f"matching:{name}", args=args))

    return web


def start_round(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("matching:rounds"), {"region": "014"})


def change_round(cell: Cell, **data) -> HttpResponse:
    url = reverse("matching:round_change", args=[cell.record.round.uuid])
    return cell.client.post(url, data)


def send_round(cell: Cell) -> HttpResponse:
    return change_round(cell, change="send", confirm="yes")


def remove_pair(cell: Cell) -> HttpResponse:
    pair = cell.record.round.pairs.get()
    return change_round(cell, change="remove", pair=str(pair.pk))


def round_status(cell: Cell) -> str:
    return AllocationRound.objects.get(pk=cell.record.round.pk).status


ROWS = {
    # Suggestions and matches: a published request's are for everyone to see.
    "view-suggestions": Row(
        suggested, request_page, request_endpoint("suggestions"), ok_status=200
    ),
    "view-suggestions-of-draft-request": Row(
        draft, request_page, request_endpoint("suggestions"), ok_status=200
    ),
    "view-matches": Row(
        proposed_by("member"),
        request_page,
        request_endpoint("matches"),
        ok_status=200,
    ),
    # Proposing: either side one of the suggestions, a coordinator any offer.
    "propose-suggested-offer": Row(suggested, **propose()),
    "propose-unsuggested-offer": Row(unsuggested, **propose()),
    # Answering: each side for itself, once.
    "accept-for-the-provider": Row(
        proposed_by("member"), **answer(accept=True, side="provider")
    ),
    "decline-for-the-provider": Row(
        proposed_by("member"), **answer(accept=False, side="provider")
    ),
    "accept-for-the-requester": Row(
        proposed_by("provider"), **answer(accept=True, side="requester")
    ),
    "decline-for-the-requester": Row(
        proposed_by("provider"), **answer(accept=False, side="requester")
    ),
    "view-proposals-waiting-for-a-country": Row(
        proposed_by("provider"), page("waiting"), None, ok_status=200
    ),
    # Allocation rounds: the region's coordinators and the secretariat.
    "view-rounds": Row(lambda cell: None, page("rounds"), None, ok_status=200),
    "start-round": Row(
        lambda cell: None,
        start_round,
        None,
        done=lambda cell: AllocationRound.objects.exists(),
    ),
    "view-round": Row(worked_out_round, page("round", "round"), None, ok_status=200),
    "remove-round-pair": Row(
        worked_out_round,
        remove_pair,
        None,
        done=lambda cell: not RoundPair.objects.exists(),
    ),
    "send-round": Row(
        worked_out_round,
        send_round,
        None,
        done=lambda cell: round_status(cell) == AllocationRound.Status.SENT,
    ),
}

TABLE = """
                                      focal_point coordinator member provider outsider secretariat anonymous
view-suggestions                      ok          ok          ok     ok       ok       ok          ok
view-suggestions-of-draft-request     ok          ok          ok     404      404      ok          404
view-matches                          ok          ok          ok     ok       ok       ok          ok
propose-suggested-offer               ok          ok          ok     ok       no       ok          login
propose-unsuggested-offer             no          ok          no     no       no       ok          login
accept-for-the-provider               no          no          no     ok       no       no          login
decline-for-the-provider              no          no          no     ok       no       no          login
accept-for-the-requester              ok          no          ok     no       no       no          login
decline-for-the-requester             ok          no          ok     no       no       no          login
view-proposals-waiting-for-a-country  ok          no          no     no       no       no          login
view-rounds                           no          ok          no     no       no       ok          login
start-round                           no          ok          no     no       no       ok          login
view-round                            404         ok          404    404      404      ok          login
remove-round-pair                     404         ok          404    404      404      ok          login
send-round                            404         ok          404    404      404      ok          login
"""
test_web, test_api = matrix_tests(TABLE, ROWS)


def test_the_fingerprint_probes_matches_suggestions_and_rounds():
    for model in (Match, Suggestion, AllocationRound, RoundPair):
        assert f"FROM {model._meta.db_table})" in PROBES, model
