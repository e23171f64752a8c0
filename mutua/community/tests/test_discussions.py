"""Discussion spaces: who opens them, threads and replies with quoting,
following and being told, a record's questions, search, and bad input."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from mutua.community import selectors
from mutua.community import services
from mutua.community.models import Follow
from mutua.community.models import Post
from mutua.community.models import Space
from mutua.community.models import Thread
from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.http import call as api
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_accounts(people):
    """The personas joined long ago: no new account's limit."""
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))


@pytest.fixture
def wetlands(people):
    return services.space_create(
        by=people.secretariat, kind="theme", title="Wetlands", target=None
    )


def test_the_secretariat_opens_any_space_a_coordinator_its_regions(people):
    services.space_create(by=people.secretariat, kind="theme", title="Seeds")
    own = services.space_create(
        by=people.coordinator,
        kind="region",
        title="Eastern Africa",
        region=people.eastern_africa,
    )
    assert own.region == people.eastern_africa
    with pytest.raises(Conflict):
        services.space_create(
            by=people.secretariat,
            kind="region",
            title="Again",
            region=people.eastern_africa,
        )
    for who, kind, region in (
        ("coordinator", "theme", None),
        ("coordinator", "region", people.south_africa.region),
        ("member", "theme", None),
        ("focal_point", "theme", None),
    ):
        with pytest.raises(PermissionDenied):
            services.space_create(
                by=getattr(people, who), kind=kind, title="Mine", region=region
            )
    assert Space.objects.count() == 2


def test_a_thread_with_replies_and_a_quote_tells_its_followers(
    people, wetlands, old_accounts
):
    services.follow_set(by=people.focal_point, on=True, space=wetlands)
    thread = services.thread_start(
        space=wetlands,
        by=people.member,
        title="Peat restoration",
        text="Who has **tried** it?",
    )
    started = Notification.objects.get(key=f"thread:{thread.uuid}:started")
    assert started.recipient == people.focal_point
    first = thread.posts.get()
    reply = services.post_reply(
        thread=thread, by=people.provider, text="We have.", quoting=first
    )
    assert reply.quoting == first
    told = Notification.objects.filter(kind=Kind.THREAD_REPLY, key=f"post:{reply.uuid}")
    assert [n.recipient for n in told] == [people.member]  # the author follows it
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_post_at
    assert Follow.objects.filter(thread=thread).count() == 2
    wetlands.refresh_from_db()
    assert wetlands.thread_count == 1


def test_a_records_questions_reach_the_people_behind_it(people, old_accounts):
    request = published_request(people)
    post = services.record_ask(record=request, by=people.provider, text="Which lakes?")
    assert post.thread.request == request and post.thread.title == request.title
    told = {n.recipient for n in Notification.objects.filter(kind=Kind.THREAD_REPLY)}
    assert told == {people.member, people.focal_point}
    services.record_ask(record=request, by=people.member, text="Lake Chilwa.")
    assert Thread.objects.count() == 1
    offer = published_offer(people)
    services.record_ask(record=offer, by=people.member, text="In French too?")
    assert Notification.objects.filter(recipient=people.provider).count() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write something first."),
        ("   ", "Write something first."),
        ("x" * 10_001, "Keep it under 10,000 characters"),
    ],
)
def test_empty_or_oversized_posts_are_refused_and_nothing_is_written(
    people, wetlands, old_accounts, text, message
):
    with pytest.raises(ValidationError) as refused:
        services.thread_start(space=wetlands, by=people.member, title="T", text=text)
    assert message in refused.value.message_dict["text"][0]
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_a_new_account_posts_a_few_times_an_hour(people, wetlands):
    thread = services.thread_start(
        space=wetlands, by=people.outsider, title="Hello", text="First."
    )
    for n in range(4):
        services.post_reply(thread=thread, by=people.outsider, text=f"More {n}.")
    with pytest.raises(ValidationError) as refused:
        services.post_reply(thread=thread, by=people.outsider, text="Too many.")
    assert "at most 5 posts an hour" in refused.value.message_dict["text"][0]
    User.objects.filter(pk=people.outsider.pk).update(
        date_joined=timezone.now() - dt.timedelta(days=8)
    )
    people.outsider.refresh_from_db()
    services.post_reply(thread=thread, by=people.outsider, text="Now I may.")


def test_quoting_a_post_of_another_thread_is_refused(people, wetlands, old_accounts):
    one = services.thread_start(space=wetlands, by=people.member, title="A", text="a")
    two = services.thread_start(space=wetlands, by=people.member, title="B", text="b")
    with pytest.raises(ValidationError) as refused:
        services.post_reply(
            thread=two, by=people.member, text="c", quoting=one.posts.get()
        )
    assert "quoting" in refused.value.message_dict


def test_search_finds_posts_of_public_threads_only(people, wetlands, old_accounts):
    services.thread_start(
        space=wetlands, by=people.member, title="Peatland carbon", text="Measuring it."
    )
    request = published_request(people)
    services.record_ask(record=request, by=people.provider, text="Peatland maps?")
    found = [p.text for p in selectors.search_posts("peatland")]
    assert sorted(found) == ["Measuring it.", "Peatland maps?"]
    request.status = "withdrawn"
    request.save(update_fields=["status"])
    assert [p.text for p in selectors.search_posts("peatland")] == ["Measuring it."]
    assert [p.text for p in selectors.search_posts("carbon")] == ["Measuring it."]


def test_the_pages_show_spaces_threads_and_posts_as_safe_html(
    client, people, wetlands, old_accounts
):
    thread = services.thread_start(
        space=wetlands,
        by=people.member,
        title="Links",
        text="See [the CHM](https://chm.cbd.int) <script>alert(1)</script>",
    )
    assert "Wetlands" in text(client.get(reverse("community:spaces")))
    assert "Links" in text(client.get(reverse("community:space", args=[wetlands.uuid])))
    page = text(client.get(reverse("community:thread", args=[thread.uuid])))
    assert '<a href="https://chm.cbd.int" rel="nofollow ugc">the CHM</a>' in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    found = text(client.get(reverse("community:search") + "?q=chm"))
    assert "Links" in found
    assert "Nothing found" in text(client.get(reverse("community:search") + "?q=zzzz"))


def test_posting_on_the_pages_names_the_field_and_keeps_the_thread(
    client, people, wetlands, old_accounts
):
    client.force_login(people.member)
    url = reverse("community:space", args=[wetlands.uuid])
    response = client.post(url, {"title": "", "text": ""})
    assert (
        response.status_code == 200
        and text(response).count("This field is required.") == 2
    )
    response = client.post(url, {"title": "Seeds", "text": "Who stores seeds?"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and str(thread.uuid) in response["Location"]
    thread_url = reverse("community:thread", args=[thread.uuid])
    first = thread.posts.get()
    quoted = text(client.get(f"{thread_url}?quote={first.uuid}"))
    assert "&gt; Who stores seeds?" in quoted
    response = client.post(thread_url, {"text": "We do.", "quoting": first.uuid})
    assert response.status_code == 302
    assert Post.objects.filter(quoting=first).exists()


def test_unknown_spaces_threads_and_posts_are_404(client, people):
    client.force_login(people.member)
    missing = "00000000-0000-0000-0000-000000000000"
    for name in ("community:space", "community:thread"):
        assert client.get(reverse(name, args=[missing])).status_code == 404
    url = reverse("community:post_action", args=[missing, "report"])
    assert client.post(url, {"reason": "spam"}).status_code == 404
    bad = reverse("community:thread", args=[missing]) + "?quote=nonsense"
    assert client.get(bad).status_code == 404


def test_a_records_questions_fragment_and_asking_on_the_page(
    client, people, old_accounts
):
    request = published_request(people)
    url = reverse("community:request_questions", args=[request.uuid])
    assert "No question yet" in text(client.get(url, headers={"HX-Request": "true"}))
    client.force_login(people.provider)
    response = client.post(url, {"text": "Which **lakes**?"})
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url() + "#questions"
    shown = text(client.get(url))
    assert "<strong>lakes</strong>" in shown and "<html" in shown
    assert "<html" not in text(client.get(url, headers={"HX-Request": "true"}))
    refused = client.post(url, {"text": ""})
    assert refused.status_code == 200 and "This field is required." in text(refused)


def test_the_api_has_spaces_threads_and_replies_and_names_bad_input(
    client, people, old_accounts
):
    body = {"kind": "region", "title": "Eastern Africa", "region": "014"}
    assert api(client, "POST", "/spaces", body).status_code == 401
    refused = api(client, "POST", "/spaces", body, user=people.member)
    assert refused.status_code == 403
    made = api(client, "POST", "/spaces", body, user=people.coordinator)
    assert made.status_code == 201 and made.json()["region"] == "014"
    again = api(client, "POST", "/spaces", body, user=people.secretariat)
    assert again.status_code == 409 and "region" in errors(again)
    space = made.json()["uuid"]
    assert [s["title"] for s in api(client, "GET", "/spaces").json()] == [
        "Eastern Africa"
    ]
    for payload, field in (
        ({"title": "", "text": "t"}, "title"),
        ({"title": "T", "text": ""}, "text"),
        ({"title": "T", "text": "x" * 10_001}, "text"),
        ({"title": "T"}, "text"),
        ({"title": "T", "text": "t", "extra": 1}, "extra"),
    ):
        response = api(
            client, "POST", f"/spaces/{space}/threads", payload, user=people.member
        )
        assert response.status_code == 422 and field in errors(response), payload
    thread = api(
        client,
        "POST",
        f"/spaces/{space}/threads",
        {"title": "Lake levels", "text": "Rising **again**."},
        user=people.member,
    ).json()
    assert thread["post_count"] == 1
    first = api(client, "GET", f"/threads/{thread['uuid']}/posts").json()["items"][0]
    assert first["html"] == "<p>Rising <strong>again</strong>.</p>\n"
    reply = api(
        client,
        "POST",
        f"/threads/{thread['uuid']}/posts",
        {"text": "Here too.", "quoting": first["uuid"]},
        user=people.provider,
    )
    assert reply.status_code == 201 and reply.json()["quoting"] == first["uuid"]
    missing = "00000000-0000-0000-0000-000000000000"
    bad_quote = api(
        client,
        "POST",
        f"/threads/{thread['uuid']}/posts",
        {"text": "x", "quoting": missing},
        user=people.provider,
    )
    assert bad_quote.status_code == 404 and "quoting" in errors(bad_quote)
    for path in (f"/spaces/{missing}", f"/threads/{missing}/posts"):
        assert api(client, "GET", path).status_code == 404
    listed = api(client, "GET", f"/spaces/{space}/threads").json()
    assert listed["count"] == 1 and listed["items"][0]["post_count"] == 2


def test_a_visitor_who_writes_is_asked_to_sign_in_first(client, people, wetlands):
    for url in (
        reverse("community:space", args=[wetlands.uuid]),
        reverse("community:request_questions", args=[published_request(people).uuid]),
    ):
        response = client.post(url, {"title": "T", "text": "t"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert not Post.objects.exists()


def test_the_api_says_429_to_a_new_account_past_its_posts_and_422_to_a_regionless_region(
    client, people, wetlands
):
    thread = services.thread_start(
        space=wetlands, by=people.outsider, title="Hello", text="First."
    )
    path = f"/threads/{thread.uuid}/posts"
    codes = [
        api(
            client, "POST", path, {"text": f"Post {n}."}, user=people.outsider
        ).status_code
        for n in range(5)
    ]
    assert codes == [201, 201, 201, 201, 429]
    limited = api(client, "POST", path, {"text": "Again."}, user=people.outsider)
    assert "at most 5 posts an hour" in errors(limited)["text"]
    response = api(
        client,
        "POST",
        "/spaces",
        {"kind": "region", "title": "Somewhere"},
        user=people.secretariat,
    )
    assert response.status_code == 422 and "region" in errors(response)


def test_ids_that_are_no_uuid_at_all_are_404_not_an_error(
    client, people, wetlands, old_accounts
):
    thread = services.thread_start(
        space=wetlands, by=people.member, title="T", text="t"
    )
    client.force_login(people.secretariat)
    thread_url = reverse("community:thread", args=[thread.uuid])
    assert client.get(f"{thread_url}?quote=nonsense").status_code == 404
    assert client.post(thread_url, {"text": "x", "quoting": "1"}).status_code == 404
    follow = reverse("community:follow")
    assert client.post(follow, {"space": "nonsense", "follow": "on"}).status_code == 404
    assert client.post(follow, {"thread": "", "follow": "on"}).status_code == 404
    moderate = reverse("community:moderate", args=[thread.uuid])
    move = {"action": "move", "to": "elsewhere", "reason": "x"}
    assert client.post(moderate, move).status_code == 404
    assert (
        thread.posts.count() == 1 and not Follow.objects.filter(space=wetlands).exists()
    )


def test_a_quote_of_several_lines_quotes_each_line(
    client, people, wetlands, old_accounts
):
    thread = services.thread_start(
        space=wetlands,
        by=people.member,
        title="Steps",
        text="First dry it.\nThen seal it.",
    )
    client.force_login(people.provider)
    url = reverse("community:thread", args=[thread.uuid])
    page = text(client.get(f"{url}?quote={thread.posts.get().uuid}"))
    assert "&gt; First dry it.\n&gt; Then seal it." in page


def test_opening_a_space_on_the_page_names_bad_fields_and_refuses_others(
    client, people
):
    url = reverse("community:spaces")
    client.force_login(people.member)
    assert client.post(url, {"kind": "theme", "title": "Mine"}).status_code == 403
    client.force_login(people.coordinator)
    response = client.post(url, {"kind": "planet", "title": ""})
    page = text(response)
    assert response.status_code == 200 and "Select a valid choice." in page
    assert "This field is required." in page
    response = client.post(url, {"kind": "region", "title": "Somewhere"})
    assert "Name the region of the space." in text(response)
    response = client.post(url, {"kind": "theme", "title": "Seeds"})
    assert response.status_code == 403  # a theme is the secretariat's to open
    assert not Space.objects.exists()
    response = client.post(url, {"kind": "region", "title": "EA", "region": "014"})
    assert response.status_code == 302 and Space.objects.get().region.code == "014"
