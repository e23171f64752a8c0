"""Matches that never go silent, in a real browser on a phone: a provider asks a
question on a request and its NGO answers it; the focal point finds the answer
and a provider's proposal in its inbox; the proposal lapses after its window
(the clock moved on in the test) and the request, still unmatched, is escalated
to the region's coordinator, who takes it up from the queue; choices and the
one-click unsubscribe; axe-core finds no serious violation on the way."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutua.exchange.models import Request
from mutua.matching import services
from mutua.matching import windows
from mutua.matching.models import Escalation
from mutua.matching.models import Match
from mutua.notifications import unsubscribe
from mutua.notifications.models import Kind
from mutua.testing.browser import Journey
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proposal_lapses_and_its_request_is_escalated(new_page, live_server, people):
    request = published_request(people, title="Survey of Lake Chilwa's birds")
    offer = published_offer(people)
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))
    journey = Journey(live_server)
    focal, coordinator, provider, member = (new_page() for _ in range(4))
    for page, user in (
        (focal, people.focal_point),
        (coordinator, people.coordinator),
        (provider, people.provider),
        (member, people.member),
    ):
        sign_in(page, live_server, user)

    # A provider asks on the request's page; the NGO answers there.
    journey.go(provider, request.get_absolute_url())
    provider.get_by_label("Your post").fill("Which **lakes** do you survey?")
    provider.get_by_role("button", name="Publish").click()
    expect(provider.get_by_role("status")).to_contain_text("Your post is published.")
    journey.go(member, request.get_absolute_url())
    expect(member.locator("#questions strong")).to_have_text("lakes")
    member.get_by_label("Your post").fill("Lake Chilwa and Lake Malombe.")
    member.get_by_role("button", name="Publish").click()
    expect(member.get_by_text("Lake Chilwa and Lake Malombe.")).to_be_visible()
    journey.check(member)
    match = services.match_propose(request=request, offer=offer, by=people.provider)

    # The focal point sees the question and the proposal in its inbox.
    journey.go(focal, "/")
    focal.get_by_role("link", name="Inbox 3 unread").click()
    journey.check(focal)
    focal.get_by_role("link", name="A new post in").first.click()
    expect(focal.get_by_text("Lake Chilwa and Lake Malombe.")).to_be_visible()
    journey.check(focal)
    journey.go(focal, reverse("notifications:inbox"))
    journey.check(focal)
    focal.get_by_role("link", name="A match is proposed").click()
    expect(focal.get_by_text("to answer by")).to_be_visible()
    journey.check(focal)

    # Nobody answers: the window passes, and later the request is escalated.
    windows.follow_up(match.answer_by + dt.timedelta(seconds=1))
    assert Match.objects.get().status == Match.Status.LAPSED
    journey.go(focal, reverse("notifications:inbox"))
    expect(focal.get_by_text("lapsed: it was not answered in time")).to_be_visible()
    focal.get_by_role("button", name="Mark all read").click()
    expect(focal.get_by_role("link", name="Inbox", exact=True)).to_be_visible()
    Request.objects.filter(pk=request.pk).update(
        published_at=timezone.now() - dt.timedelta(days=61)
    )
    windows.follow_up()
    journey.go(coordinator, reverse("notifications:inbox"))
    coordinator.get_by_role("link", name="has waited 61 days").click()
    journey.check(coordinator)
    expect(coordinator.get_by_role("heading", name=request.title)).to_be_visible()
    coordinator.get_by_role("button", name="Take it up").click()
    expect(coordinator.get_by_role("status")).to_contain_text("It is yours")
    assert Escalation.objects.get().taken_up_by == people.coordinator

    # The focal point chooses a weekly digest for lapses, then stops proposals'
    # e-mails from a mail's link.
    journey.go(focal, reverse("notifications:preferences"))
    focal.get_by_role("group", name="A deadline of yours about to pass").get_by_label(
        "In a weekly e-mail digest"
    ).check()
    focal.get_by_role("button", name="Save").click()
    expect(focal.get_by_role("status")).to_contain_text("Your choices are saved.")
    link = unsubscribe.token_for(people.focal_point.pk, [Kind.MATCH_PROPOSED])
    journey.go(focal, reverse("notifications:unsubscribe", args=[link]))
    focal.get_by_role("button", name="Stop these e-mails").click()
    expect(focal.get_by_role("status")).to_contain_text("no longer e-mails you")
    journey.check(focal)
    assert not any(blocking for blocking, _ in journey.problems), report(
        journey.problems
    )
