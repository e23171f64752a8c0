"""Response windows: proposals carry a deadline, are reminded, lapse and send
their request back to matching; silent offers are paused; requests left
unmatched are escalated to their region's coordinators."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.matching import services
from mutua.matching import windows
from mutua.matching.models import Escalation
from mutua.matching.models import Match
from mutua.matching.models import MatchingSettings
from mutua.matching.ranking import refresh_suggestions
from mutua.matching.selectors.matches import responsiveness
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.http import call as api
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def proposed(people, offer=None, title="Wetland bird survey") -> Match:
    """A match the NGO's member proposes: the provider has to answer."""
    request = published_request(people, title=title)
    return services.match_propose(
        request=request, offer=offer or published_offer(people), by=people.member
    )


def told(kind, user=None) -> list[Notification]:
    found = Notification.objects.filter(kind=kind)
    return list(found.filter(recipient=user) if user else found)


def test_a_proposal_is_to_be_answered_within_the_secretariats_window(people):
    before = timezone.now()
    match = proposed(people)
    assert before + 14 * DAY <= match.answer_by <= timezone.now() + 14 * DAY
    (proposal,) = told(Kind.MATCH_PROPOSED)
    assert proposal.values["date"] == match.answer_by.date().isoformat()
    MatchingSettings.objects.create(pk=1, answer_days=5)
    later = proposed(people, offer=match.offer, title="Peatland mapping")
    assert later.answer_by <= timezone.now() + 5 * DAY


def test_the_side_that_has_not_answered_is_reminded_once(people):
    match = proposed(people)
    assert windows.follow_up(match.answer_by - 4 * DAY).reminded == 0
    assert windows.follow_up(match.answer_by - 2 * DAY).reminded == 1
    assert windows.follow_up(match.answer_by - DAY).reminded == 0
    (reminder,) = told(Kind.DEADLINE)
    assert reminder.recipient == people.provider
    assert reminder.key == f"match:{match.uuid}:reminder"


def test_a_proposal_not_answered_in_time_lapses_and_the_request_is_matched_again(
    people, django_capture_on_commit_callbacks
):
    match = proposed(people)
    with django_capture_on_commit_callbacks(execute=True):
        done = windows.follow_up(match.answer_by + dt.timedelta(seconds=1))
    assert (done.lapsed, done.paused) == (1, 0)
    match.refresh_from_db()
    assert match.status == Match.Status.LAPSED and match.lapsed_at
    assert match.get_status_display() == "Lapsed: not answered in time"
    assert {n.recipient for n in told(Kind.DEADLINE)} == {
        people.member,
        people.focal_point,
        people.provider,
    }
    assert DBTaskResult.objects.filter(
        task_path=refresh_suggestions.module_path,
        args_kwargs__kwargs__request_ids=[match.request_id],
    ).exists()
    assert windows.follow_up(match.answer_by + DAY).lapsed == 0
    # Back to matching: the same pair may be proposed again.
    again = services.match_propose(
        request=match.request, offer=match.offer, by=people.member
    )
    assert again.status == Match.Status.PROPOSED
    # An answer after the lapse is refused.
    with pytest.raises(Exception, match="already been answered"):
        services.match_answer(match=match, by=people.provider, accept=True)


def test_an_offer_that_lets_three_proposals_lapse_in_a_row_is_paused(people):
    offer = published_offer(people)
    first = proposed(people, offer=offer, title="Survey one")
    services.match_answer(match=first, by=people.provider, accept=False, reason="Busy")
    for title in ("Survey two", "Survey three"):
        proposed(people, offer=offer, title=title)
    late = timezone.now() + 15 * DAY
    assert windows.follow_up(late).paused == 0  # two lapses and an answer
    proposed(people, offer=offer, title="Survey four")
    done = windows.follow_up(late + 15 * DAY)
    assert (done.lapsed, done.paused) == (1, 1)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PAUSED
    step = offer.transitions.latest("pk")
    assert step.by is None and "lapsed unanswered" in step.reason
    paused = [n for n in told(Kind.DEADLINE, people.provider) if "paused" in n.key]
    assert len(paused) == 1 and paused[0].values["offer"] == offer.title


def test_how_the_provider_answers_is_shown_on_the_offer_and_in_the_api(client, people):
    offer = published_offer(people)
    url = reverse("matching:offer_answers", args=[offer.uuid])
    assert "No proposal has been made" in text(client.get(url))
    answered = proposed(people, offer=offer, title="Survey one")
    services.match_answer(match=answered, by=people.provider, accept=False, reason="No")
    proposed(people, offer=offer, title="Survey two")
    windows.follow_up(timezone.now() + 15 * DAY)
    figures = responsiveness(offer)
    assert (figures.asked, figures.in_time, figures.share_in_time) == (2, 1, 0.5)
    page = text(client.get(url))
    assert "1 of 2 proposals answered in time." in page
    assert "Last answered on" in page
    body = api(client, "GET", f"/offers/{offer.uuid}/responsiveness").json()
    assert body["asked"] == 2 and body["answered_in_time"] == 1
    assert body["share_in_time"] == 0.5 and body["last_answered_at"]
    # The provider's own proposals, accepted as it made them, do not count.
    services.match_propose(
        request=published_request(people, title="Survey three"),
        offer=offer,
        by=people.provider,
    )
    assert responsiveness(offer).asked == 2


def old_request(people, days=61) -> Request:
    request = published_request(people)
    Request.objects.filter(pk=request.pk).update(
        published_at=timezone.now() - days * DAY
    )
    return request


def test_a_request_unmatched_too_long_is_escalated_once_to_its_coordinators(people):
    request = old_request(people)
    published_request(people, title="A recent one")
    assert windows.follow_up().escalated == 1
    assert windows.follow_up().escalated == 0
    assert Escalation.objects.get().request == request
    (notice,) = told(Kind.ESCALATED)
    assert notice.recipient == people.coordinator
    assert notice.values["days"] == "61"


def test_the_coordinator_takes_an_escalated_request_up_from_its_queue(client, people):
    request = old_request(people)
    windows.follow_up()
    queue = reverse("matching:escalated")
    client.force_login(people.coordinator)
    assert request.title in text(client.get(queue))
    escalation = Escalation.objects.get()
    take_up = reverse("matching:take_up", args=[escalation.pk])
    assert client.post(take_up).status_code == 302
    escalation.refresh_from_db()
    assert escalation.taken_up_by == people.coordinator
    page = text(client.get(queue))
    assert "No request of your regions is waiting too long." in page
    again = client.post(take_up, follow=True)
    assert "Someone has taken it up already." in text(again)


@pytest.mark.parametrize("who", ["member", "focal_point", "provider", "outsider"])
def test_only_coordinators_and_the_secretariat_see_and_take_up_the_queue(
    client, people, who
):
    old_request(people)
    windows.follow_up()
    client.force_login(getattr(people, who))
    assert client.get(reverse("matching:escalated")).status_code == 403
    take_up = reverse("matching:take_up", args=[Escalation.objects.get().pk])
    assert client.post(take_up).status_code == 404
    assert Escalation.objects.get().taken_up_at is None


def test_a_coordinator_of_another_region_neither_sees_nor_takes_it_up(client, people):
    old_request(people)
    windows.follow_up()
    elsewhere = people.coordinator.roles.get()
    elsewhere.region = people.south_africa.region.__class__.objects.get(code="019")
    elsewhere.save()
    client.force_login(people.coordinator)
    page = text(client.get(reverse("matching:escalated")))
    assert "No request of your regions is waiting too long." in page
    take_up = reverse("matching:take_up", args=[Escalation.objects.get().pk])
    assert client.post(take_up).status_code == 404


def test_the_command_says_what_it_did(people):
    old_request(people)
    out = io.StringIO()
    call_command("follow_up_matches", stdout=out)
    assert out.getvalue().strip() == (
        "0 reminded, 0 lapsed, 0 offers paused, 1 requests escalated."
    )
