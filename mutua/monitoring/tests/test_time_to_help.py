"""Time to help: the days from a request's submission to each stage, as
medians and 90th percentiles by year and place, and the proposals answered in
time, worked out from what was recorded; the records behind each figure."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.exchange.services.requests import request_transition
from mutua.matching import services as matching
from mutua.matching import windows
from mutua.matching.models import Match
from mutua.monitoring import time_to_help
from mutua.monitoring.selectors import Scope
from mutua.testing.builders import draft
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = dt.timedelta(days=1)


def submitted_days_ago(request: Request, days: float, published: float | None):
    """Move the request's recorded times back: submitted `days` ago, published
    `published` days ago."""
    Transition.objects.filter(request=request, action="submit").update(
        at=NOW - days * DAY
    )
    Request.objects.filter(pk=request.pk).update(
        published_at=None if published is None else NOW - published * DAY
    )


def this_year() -> Scope:
    return Scope.year(NOW.year)


def figures(scope=None) -> dict:
    return {s.key: s for s in time_to_help.stages(scope or this_year())}


def test_each_stage_is_timed_from_the_first_submission(people):
    offer = published_offer(people)
    fast, slow = (published_request(people, title=t) for t in ("Fast", "Slow"))
    waiting = draft(people, title="Still in review")
    request_transition(request=waiting, action="submit", by=people.member)
    submitted_days_ago(fast, 3, published=2)
    submitted_days_ago(slow, 10, published=4)
    submitted_days_ago(waiting, 1, published=None)
    match = matching.match_propose(request=fast, offer=offer, by=people.member)
    Match.objects.filter(pk=match.pk).update(created_at=NOW - DAY)
    found = figures()
    assert found["publication"].count == 2
    assert found["publication"].median_days == 3.5  # 1 and 6 days
    assert found["publication"].p90_days == 6.0
    assert found["first_proposal"].count == 1
    assert found["first_proposal"].median_days == 2.0
    assert found["first_acceptance"].count == 0
    assert found["first_acceptance"].median_days is None
    matching.match_answer(match=match, by=people.provider, accept=True)
    found = figures()
    assert found["first_acceptance"].count == 1
    assert found["partnership"].count == 1
    assert 2.9 <= found["partnership"].median_days <= 3.1


def test_a_request_counts_in_its_year_and_its_countrys_place(people):
    request = published_request(people)
    submitted_days_ago(request, 400, published=390)
    assert figures()["publication"].count == 0
    last_year = Scope.year((NOW - 400 * DAY).year)
    assert figures(last_year)["publication"].count == 1
    africa = people.malawi.region
    assert (
        figures(Scope.year(last_year.start.year, region=africa))["publication"].count
        == 1
    )
    americas = africa.__class__.objects.get(code="019")
    assert (
        figures(Scope.year(last_year.start.year, region=americas))["publication"].count
        == 0
    )
    assert (
        figures(Scope.year(last_year.start.year, group="ldc"))["publication"].count == 1
    )  # Malawi is a least developed country
    assert (
        figures(Scope.year(last_year.start.year, group="sids"))["publication"].count
        == 0
    )


def test_proposals_answered_in_time_are_counted_once_their_window_closed(people):
    offer = published_offer(people)
    answered = matching.match_propose(
        request=published_request(people, title="One"), offer=offer, by=people.member
    )
    matching.match_answer(match=answered, by=people.provider, accept=False, reason="No")
    matching.match_propose(
        request=published_request(people, title="Two"), offer=offer, by=people.member
    )
    still_open = time_to_help.answered_in_time(this_year())
    assert (still_open.closed, still_open.in_time) == (1, 1)
    windows.follow_up(NOW + 15 * DAY)
    result = time_to_help.answered_in_time(this_year())
    assert (result.closed, result.in_time, result.share) == (2, 1, 0.5)


def test_the_page_shows_the_figures_and_leads_to_the_public_records(client, people):
    public = published_request(people, title="Wetland survey")
    submitted_days_ago(public, 5, published=1)
    hidden = published_request(people, title="Withdrawn survey")
    request_transition(request=hidden, action="withdraw", by=people.member)
    page = text(client.get(reverse("monitoring:time_to_help")))
    assert "Submission to publication" in page and "Medians over five years" in page
    assert "No match proposal of this year" in page
    url = reverse("monitoring:time_to_help_records", args=["publication"])
    records = text(client.get(url))
    assert "Wetland survey" in records and "Withdrawn survey" not in records
    assert "<td>4</td>" in records
    assert (
        client.get(reverse("monitoring:time_to_help_records", args=["x"])).status_code
        == 404
    )
    assert (
        client.get(reverse("monitoring:time_to_help") + "?year=1900").status_code == 400
    )
    dashboard = text(client.get(reverse("monitoring:dashboard")))
    assert reverse("monitoring:time_to_help") in dashboard


def test_the_api_gives_the_same_figures_and_names_bad_input(client, people):
    request = published_request(people)
    submitted_days_ago(request, 5, published=1)
    body = client.get("/api/v1/time-to-help?region=002").json()
    publication = body["stages"][0]
    assert body["year"] == NOW.year and publication["key"] == "publication"
    assert publication["count"] == 1 and publication["median_days"] == 4.0
    assert body["proposals_closed"] == 0
    assert (
        client.get("/api/v1/time-to-help?region=019").json()["stages"][0]["count"] == 0
    )
    for query, field in (
        ("year=1999", "year"),
        ("group=rich", "group"),
        ("region=999", "region"),
    ):
        response = client.get(f"/api/v1/time-to-help?{query}")
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field


def test_the_gbf_target_chosen_narrows_the_requests_and_proposals(client, people):
    request = published_request(people)
    submitted_days_ago(request, 5, published=1)
    matching.match_propose(
        request=request, offer=published_offer(people), by=people.member
    )
    windows.follow_up(NOW + 15 * DAY)
    year = NOW.year
    shown = request.targets.values_list("number", flat=True).first()
    other = 23 if shown != 23 else 22
    assert figures(Scope.year(year, target=shown))["publication"].count == 1
    assert figures(Scope.year(year, target=other))["publication"].count == 0
    assert time_to_help.answered_in_time(Scope.year(year, target=shown)).closed == 1
    assert time_to_help.answered_in_time(Scope.year(year, target=other)).closed == 0
    page = text(client.get(reverse("monitoring:time_to_help") + f"?target={other}"))
    assert "No match proposal of this year" in page
