"""Moderation: the secretariat everywhere, coordinators in their region's
space and under its countries' records; each act with a reason, logged; a
hidden post is seen only by its author and the moderators; members report."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from mutua.community import services
from mutua.community.models import ModerationStep
from mutua.community.models import Report
from mutua.community.models import Space
from mutua.community.models import Thread
from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.testing.builders import published_request
from mutua.testing.http import call as api
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
SECRET = "A post that breaks the rules."


@pytest.fixture
def region_thread(people):
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))
    space = services.space_create(
        by=people.secretariat,
        kind="region",
        title="Eastern Africa",
        region=people.eastern_africa,
    )
    return services.thread_start(
        space=space, by=people.member, title="Lake levels", text="Rising again."
    )


@pytest.fixture
def hidden(people, region_thread):
    post = services.post_reply(thread=region_thread, by=people.provider, text=SECRET)
    services.post_hide(post=post, by=people.coordinator, reason="Off topic.")
    return post


def test_a_hidden_post_is_seen_by_its_author_and_the_moderators_only(
    client, people, region_thread, hidden
):
    url = reverse("community:thread", args=[region_thread.uuid])
    posts = f"/threads/{region_thread.uuid}/posts"
    for who, sees in (
        (None, False),
        ("outsider", False),
        ("member", False),
        ("focal_point", False),
        ("provider", True),  # its author
        ("coordinator", True),
        ("secretariat", True),
    ):
        client.logout()
        user = getattr(people, who) if who else None
        if user:
            client.force_login(user)
        assert (SECRET in text(client.get(url))) is sees, who
        listed = api(client, "GET", posts, user=user).json()["items"]
        assert any(p["text"] == SECRET for p in listed) is sees, who
        post_url = reverse("community:post_action", args=[hidden.uuid, "report"])
        if not sees and user:
            assert client.post(post_url, {"reason": "x"}).status_code == 404
    step = ModerationStep.objects.get()
    assert (step.action, step.by, step.reason) == (
        "hide",
        people.coordinator,
        "Off topic.",
    )
    region_thread.refresh_from_db()
    assert region_thread.post_count == 1


def test_a_coordinator_moderates_only_its_regions_space(people, region_thread):
    theme = services.space_create(by=people.secretariat, kind="theme", title="Seeds")
    elsewhere = services.thread_start(
        space=theme, by=people.member, title="T", text="t"
    )
    with pytest.raises(PermissionDenied):
        services.thread_lock(thread=elsewhere, by=people.coordinator, reason="No.")
    for who in ("member", "provider", "focal_point", "outsider"):
        with pytest.raises(PermissionDenied):
            services.thread_lock(
                thread=region_thread, by=getattr(people, who), reason="x"
            )
        with pytest.raises(PermissionDenied):
            services.post_hide(
                post=region_thread.posts.get(), by=getattr(people, who), reason="x"
            )
    services.thread_lock(thread=region_thread, by=people.coordinator, reason="Done.")
    assert not ModerationStep.objects.exclude(thread=region_thread).exists()


def test_the_pages_refuse_moderation_to_others(client, people, region_thread):
    client.force_login(people.member)
    url = reverse("community:moderate", args=[region_thread.uuid])
    assert client.post(url, {"action": "lock", "reason": "x"}).status_code == 403
    post = region_thread.posts.get()
    hide = reverse("community:post_action", args=[post.uuid, "hide"])
    assert client.post(hide, {"reason": "x"}).status_code == 403
    assert client.get(reverse("community:reports")).status_code == 403
    region_thread.refresh_from_db()
    assert not region_thread.is_locked and not ModerationStep.objects.exists()


def test_a_locked_thread_takes_no_post_and_every_act_needs_a_reason(
    client, people, region_thread
):
    with pytest.raises(ValidationError) as refused:
        services.thread_lock(thread=region_thread, by=people.coordinator, reason=" ")
    assert "reason" in refused.value.message_dict
    services.thread_lock(thread=region_thread, by=people.coordinator, reason="Done.")
    with pytest.raises(Conflict):
        services.post_reply(thread=region_thread, by=people.member, text="One more.")
    with pytest.raises(Conflict):
        services.thread_lock(thread=region_thread, by=people.coordinator, reason="x")
    client.force_login(people.member)
    page = text(client.get(reverse("community:thread", args=[region_thread.uuid])))
    assert "This thread is locked" in page
    response = api(
        client,
        "POST",
        f"/threads/{region_thread.uuid}/posts",
        {"text": "More."},
        user=people.member,
    )
    assert response.status_code == 409


def test_pinned_first_and_moves_are_logged(client, people, region_thread):
    space = region_thread.space
    later = services.thread_start(
        space=space, by=people.member, title="Later", text="l"
    )
    page = text(client.get(reverse("community:space", args=[space.uuid])))
    assert page.index("Later") < page.index("Lake levels")
    client.force_login(people.coordinator)
    url = reverse("community:moderate", args=[region_thread.uuid])
    client.post(url, {"action": "pin", "reason": "Read this first."})
    page = text(client.get(reverse("community:space", args=[space.uuid])))
    assert page.index("Lake levels") < page.index("Later")
    theme = services.space_create(by=people.secretariat, kind="theme", title="Water")
    with pytest.raises(PermissionDenied):
        services.thread_move(thread=later, by=people.coordinator, reason="x", to=theme)
    services.thread_move(thread=later, by=people.secretariat, reason="Theme.", to=theme)
    later.refresh_from_db()
    assert later.space == theme
    step = ModerationStep.objects.get(action="move")
    assert step.from_space == space
    counts = dict(Space.objects.values_list("title", "thread_count"))
    assert counts == {"Eastern Africa": 1, "Water": 1}


def test_members_report_once_and_moderators_see_the_reports(
    client, people, region_thread
):
    post = region_thread.posts.get()
    services.post_report(post=post, by=people.outsider, reason="Spam.")
    with pytest.raises(Conflict):
        services.post_report(post=post, by=people.outsider, reason="Spam again.")
    with pytest.raises(ValidationError):
        services.post_report(post=post, by=people.provider, reason="")
    client.force_login(people.coordinator)
    assert "Spam." in text(client.get(reverse("community:reports")))
    services.post_hide(post=post, by=people.coordinator, reason="Spam indeed.")
    assert Report.objects.get().handled_at is not None
    assert "No report waits." in text(client.get(reverse("community:reports")))


def test_coordinators_moderate_the_questions_of_their_countries_records(people):
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))
    request = published_request(people)
    post = services.record_ask(record=request, by=people.provider, text="Spam link")
    services.post_hide(post=post, by=people.coordinator, reason="Spam.")
    thread = Thread.objects.get()
    with pytest.raises(Conflict):
        services.thread_move(
            thread=thread,
            by=people.secretariat,
            reason="x",
            to=services.space_create(by=people.secretariat, kind="theme", title="S"),
        )
