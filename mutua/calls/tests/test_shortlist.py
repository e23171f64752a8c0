"""The ranked shortlist and the assessment report (¶47 a iv): a ranking per scope
with ties broken by the stated rule, seed grants funded in rank order while the
budget lasts, every other outcome said, and a report as a page and a PDF."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from mutua.calls.assessment import TIE_RULE
from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import Outcome
from mutua.calls.services import applications
from mutua.calls.services import calls
from mutua.calls.services import panel
from mutua.core.errors import TransitionError
from mutua.directory.models import Region
from mutua.testing.calls import applicant
from mutua.testing.calls import grant_fields
from mutua.testing.calls import open_call
from mutua.testing.calls import past_closing
from mutua.testing.calls import started_application
from mutua.testing.http import call as api
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def _submit(people, call, name: str, **fields) -> Application:
    organization = applicant(people, name)
    application = started_application(
        people, call, organization=organization, title=name, **fields
    )
    return applications.application_submit(application=application, by=people.member)


def _assess(people, call) -> Call:
    past_closing(call)
    for action in ("close", "assess"):
        call = calls.call_move(call=call, by=people.secretariat, action=action)
    for member in (people.provider, people.outsider):
        panel.panel_invite(call=call, by=people.secretariat, member=member)
    return call


def _score(application, member, values: list[int]) -> None:
    """`member` declares no conflict and scores the criteria in order."""
    panel.declare(application=application, by=member, conflict=False)
    panel.sheet_save(
        application=application,
        by=member,
        scores={n: (v, f"Seen in part {n}.") for n, v in enumerate(values, 1)},
        submit=True,
    )


def _publish(people, call) -> Call:
    panel.assessment_close(call=call, by=people.secretariat)
    return calls.call_move(call=call, by=people.secretariat, action="shortlist")


def test_each_scope_has_its_ranking_and_ties_follow_the_stated_rule(people):
    call = open_call(
        people,
        by=people.secretariat,
        region=None,
        shortlist_size=1,
        criteria=[
            {"name": "Networks", "guidance": "", "weight": 40},
            {"name": "Expertise", "guidance": "", "weight": 20},
            {"name": "Experience", "guidance": "", "weight": 20},
            {"name": "Capacity", "guidance": "", "weight": 20},
        ],
    )
    east = people.eastern_africa
    europe = Region.objects.get(code="150")
    first = _submit(people, call, "Nairobi hub", region=east)
    second = _submit(people, call, "Arusha hub", region=east)
    lone = _submit(people, call, "Brussels hub", region=europe)
    unscored = _submit(people, call, "Kampala hub", region=east)
    call = _assess(people, call)
    for member in (people.provider, people.outsider):
        _score(first, member, [8, 4, 4, 4])  # 40*0.8 + 3*20*0.4 = 56
        _score(second, member, [6, 6, 6, 6])  # 60
        _score(lone, member, [5, 5, 5, 5])
    with pytest.raises(TransitionError, match="Close the assessment first"):
        calls.call_move(call=call, by=people.secretariat, action="shortlist")
    call = _publish(people, call)
    assert call.status == Call.Status.SHORTLISTED
    found = {a.title: a for a in Application.objects.all()}
    assert (found["Arusha hub"].rank, found["Arusha hub"].outcome) == (1, "shortlisted")
    assert (found["Nairobi hub"].rank, found["Nairobi hub"].outcome) == (
        2,
        "not_shortlisted",
    )
    assert (found["Brussels hub"].rank, found["Brussels hub"].outcome) == (
        1,
        "shortlisted",
    )
    assert found["Kampala hub"].outcome == Outcome.NOT_ASSESSED
    assert unscored.rank is None


def test_equal_totals_go_to_the_heavier_criterion(people):
    call = open_call(
        people,
        shortlist_size=1,
        criteria=[
            {"name": "Networks", "guidance": "", "weight": 60},
            {"name": "Expertise", "guidance": "", "weight": 40},
        ],
    )
    light = _submit(people, call, "Strong in expertise")
    heavy = _submit(people, call, "Strong in networks")
    call = _assess(people, call)
    _score(light, people.provider, [4, 7])  # 24 + 28 = 52
    _score(heavy, people.provider, [6, 4])  # 36 + 16 = 52
    _publish(people, call)
    heavy.refresh_from_db()
    light.refresh_from_db()
    assert (heavy.rank, light.rank) == (1, 2)


def test_grants_are_funded_in_rank_order_while_the_budget_lasts(people):
    rules = {"needs_two_countries": False, "needs_platform_partnership": False}
    call = open_call(
        people,
        **grant_fields(budget=5000, grant_cap=4000, approval_threshold=60, **rules),
    )
    amounts = {"Best": 3000, "Second": 3000, "Small": 1000, "Weak": 1000}
    submitted = {
        name: _submit(people, call, name, amount=amount)
        for name, amount in amounts.items()
    }
    gone = _submit(people, call, "Gone", amount=500)
    call = _assess(people, call)
    for name, value in (("Best", 9), ("Second", 8), ("Small", 7), ("Weak", 5)):
        _score(submitted[name], people.provider, [value] * 4)
    applications.application_withdraw(application=gone, by=people.member)
    _publish(people, call)
    outcomes = dict(Application.objects.values_list("title", "outcome"))
    assert outcomes == {
        "Best": "funded",
        "Second": "over_budget",
        "Small": "over_budget",  # the ranking alone decides: no skipping ahead
        "Weak": "below_threshold",
        "Gone": "withdrawn",
    }


def test_the_report_is_a_page_and_a_pdf_once_the_shortlist_is_published(client, people):
    call = open_call(people)
    application = _submit(people, call, "Nairobi hub")
    call = _assess(people, call)
    _score(application, people.provider, [9, 8, 7, 6])
    panel.declare(
        application=application, by=people.outsider, conflict=True, note="Board."
    )
    page = reverse("calls:report", args=[call.uuid])
    pdf = reverse("calls:report_pdf", args=[call.uuid])
    assert client.get(page).status_code == 403
    assert client.get(pdf).status_code == 403
    staff = Client()
    staff.force_login(people.coordinator)
    assert staff.get(page).status_code == 200
    _publish(people, call)

    shown = text(client.get(page))
    assert "Nairobi hub" in shown and "Seen in part 1." in shown
    assert "1 conflict of interest declared" in shown and "provider" not in shown
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf"
    read = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    flat = " ".join(read.split())
    assert "Assessment report" in flat and "Nairobi hub" in flat
    assert "Seen in part 4." in flat and " ".join(str(TIE_RULE).split()) in flat
    assert "75.0" in flat or "75,0" in flat
    assert "Nairobi hub" in text(client.get(call.get_absolute_url()))
    listed = api(client, "GET", f"/calls/{call.uuid}/shortlist").json()
    assert listed[0]["applications"][0]["title"] == "Nairobi hub"
