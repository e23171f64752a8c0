"""The discussions and the time to help in a real browser on a phone: a space
is opened, a thread started, a post quoted, reported and hidden with a reason,
the discussions searched; the time to help and its records; axe-core finds no
serious violation on any of these pages."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutua.community.models import Post
from mutua.testing.browser import Journey
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.builders import published_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_space_a_thread_a_quote_a_report_and_a_hidden_post(
    new_page, live_server, people
):
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))
    published_request(people)
    journey = Journey(live_server)
    coordinator, member, provider = new_page(), new_page(), new_page()
    for page, user in (
        (coordinator, people.coordinator),
        (member, people.member),
        (provider, people.provider),
    ):
        sign_in(page, live_server, user)

    journey.go(coordinator, reverse("community:spaces"))
    coordinator.get_by_label("Kind").select_option("region")
    coordinator.get_by_label("Title").fill("Eastern Africa")
    coordinator.get_by_label("Region").select_option(label="Eastern Africa")
    coordinator.get_by_role("button", name="Open the space").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Eastern Africa")
    journey.check(coordinator)
    space_url = coordinator.url.removeprefix(live_server.url)

    journey.go(member, space_url)
    member.get_by_label("Title").fill("Lake levels")
    member.get_by_label("Your post").fill("Rising **again** this year.")
    member.get_by_role("button", name="Start the thread").click()
    expect(member.locator("article strong")).to_have_text("again")
    journey.check(member)
    thread_url = member.url.removeprefix(live_server.url)

    journey.go(provider, thread_url)
    provider.get_by_role("link", name="Quote").click()
    provider.get_by_label("Your post").press("End")
    provider.get_by_label("Your post").type("Here too, by 40 cm.")
    provider.get_by_role("button", name="Publish").click()
    expect(provider.locator("blockquote.quote")).to_contain_text("Rising")
    journey.check(provider)
    reply = Post.objects.get(quoting__isnull=False)

    journey.go(member, thread_url)
    member.locator(f"#post-{reply.uuid}").get_by_text("Report", exact=True).click()
    member.locator(f"#post-{reply.uuid}").get_by_label("What is wrong with it").fill(
        "Off topic."
    )
    member.get_by_role("button", name="Report the post").click()
    expect(member.get_by_role("status")).to_contain_text("moderators will look")

    journey.go(coordinator, reverse("community:reports"))
    coordinator.get_by_role("link", name="Lake levels").click()
    post = coordinator.locator(f"#post-{reply.uuid}")
    post.get_by_text("Hide", exact=True).click()
    post.get_by_label("Reason").fill("Off topic, as reported.")
    post.get_by_role("button", name="Hide the post").click()
    expect(coordinator.get_by_role("status")).to_contain_text("logged")
    journey.check(coordinator)
    journey.go(member, thread_url)
    expect(member.get_by_text("Here too, by 40 cm.")).to_have_count(0)

    journey.go(member, reverse("community:search") + "?q=rising")
    expect(member.get_by_role("link", name="Lake levels")).to_be_visible()
    journey.go(member, reverse("monitoring:time_to_help"))
    member.get_by_role("link", name="Submission to publication").click()
    expect(
        member.get_by_role("link", name="Barcoding of freshwater fish")
    ).to_be_visible()
    journey.check(member)
    assert not any(blocking for blocking, _ in journey.problems), report(
        journey.problems
    )
