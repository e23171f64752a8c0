"""The inbox and the choices, on the pages and in the API: each user reads and
changes its own, nobody else's; bad input is named; links are signed."""

import pytest
from django.urls import reverse

from mutua.notifications import selectors
from mutua.notifications import services
from mutua.notifications import unsubscribe
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.http import call as api
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db

SAID = "A new reply to the question “%(subject)s”."


def told(user, key="reply-1", subject="Seed bank") -> Notification:
    services.notify(
        recipients=[user],
        kind=Kind.HELPDESK_REPLY,
        key=key,
        sentence=SAID,
        values={"subject": subject},
        url="/helpdesk/",
    )
    return Notification.objects.get(recipient=user, key=key)


def test_the_header_counts_the_unread_and_the_inbox_lists_them(client, people):
    first, _second = told(people.member), told(people.member, key="reply-2")
    client.force_login(people.member)
    page = text(client.get(reverse("notifications:inbox")))
    assert "2 unread" in page and "A new reply to the question “Seed bank”." in page
    response = client.get(reverse("notifications:open", args=[first.uuid]))
    assert response.status_code == 302 and response["Location"] == "/helpdesk/"
    assert "1 unread" in text(client.get(reverse("notifications:inbox")))
    client.post(reverse("notifications:read"))
    page = text(client.get(reverse("notifications:inbox") + "?show=unread"))
    assert "Nothing unread." in page and "unread</span>" not in page


def test_an_empty_inbox_says_what_will_come(client, people):
    client.force_login(people.outsider)
    assert "Nothing yet." in text(client.get(reverse("notifications:inbox")))


def test_nobody_opens_or_marks_anothers_notification(client, people):
    theirs = told(people.member)
    client.force_login(people.provider)
    assert (
        client.get(reverse("notifications:open", args=[theirs.uuid])).status_code == 404
    )
    response = client.post(reverse("notifications:read"), {"notification": theirs.uuid})
    assert response.status_code == 404
    assert (
        api(
            client, "POST", f"/notifications/{theirs.uuid}/read", user=people.provider
        ).status_code
        == 404
    )
    assert (
        api(client, "GET", "/notifications", user=people.provider).json()["count"] == 0
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_visitor_is_sent_to_sign_in_and_the_api_asks_for_a_token(client, people):
    for name in ("inbox", "preferences"):
        response = client.get(reverse(f"notifications:{name}"))
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
    for method, path in (
        ("GET", "/notifications"),
        ("GET", "/notifications/preferences"),
        ("PUT", "/notifications/preferences"),
        ("POST", "/notifications/read"),
    ):
        assert api(client, method, path, {}).status_code == 401


def test_the_api_lists_reads_and_marks_the_callers_own(client, people):
    mine = told(people.member)
    told(people.provider)
    listed = api(client, "GET", "/notifications?unread=true", user=people.member).json()
    assert listed["count"] == 1
    assert listed["items"][0]["text"] == "A new reply to the question “Seed bank”."
    read = api(client, "POST", f"/notifications/{mine.uuid}/read", user=people.member)
    assert read.status_code == 200 and read.json()["read_at"]
    assert api(client, "POST", "/notifications/read", user=people.member).json() == {
        "marked": 0
    }
    french = api(
        client,
        "GET",
        "/notifications",
        user=people.member,
        headers={"Accept-Language": "fr"},
    ).json()
    assert (
        french["items"][0]["text"]
        == "Une nouvelle réponse à la question « Seed bank »."
    )


def test_choices_are_the_users_own_on_the_page_and_in_the_api(client, people):
    client.force_login(people.member)
    form = {kind.value: Delivery.EMAIL for kind in Kind} | {
        "language": "es",
        Kind.FITTING: Delivery.DAILY,
    }
    assert client.post(reverse("notifications:preferences"), form).status_code == 302
    assert selectors.deliveries_of(people.member)[Kind.FITTING] == Delivery.DAILY
    assert selectors.deliveries_of(people.provider)[Kind.FITTING] == Delivery.WEEKLY
    body = {"deliveries": {"thread_reply": "weekly"}, "language": "fr"}
    answer = api(
        client, "PUT", "/notifications/preferences", body, user=people.provider
    )
    assert answer.status_code == 200
    assert answer.json()["language"] == "fr"
    assert answer.json()["deliveries"]["thread_reply"] == "weekly"
    mine = api(client, "GET", "/notifications/preferences", user=people.member).json()
    assert mine["language"] == "es" and mine["deliveries"]["thread_reply"] == "email"


def test_bad_choices_are_named(client, people):
    client.force_login(people.member)
    response = client.post(
        reverse("notifications:preferences"), {"language": "xx", "fitting": "hourly"}
    )
    assert response.status_code == 200
    page = text(response)
    assert page.count("Select a valid choice.") == 2
    assert "This field is required." in page
    for body, field in (
        ({"deliveries": {"gossip": "email"}}, "deliveries.gossip.[key]"),
        ({"deliveries": {"fitting": "hourly"}}, "deliveries.fitting"),
        ({"language": "xx"}, "language"),
        ({"colour": "red"}, "colour"),
    ):
        response = api(
            client, "PUT", "/notifications/preferences", body, user=people.member
        )
        assert response.status_code == 422, body
        assert field in errors(response), (body, errors(response))


def test_an_unsubscribe_link_asks_first_and_works_only_for_its_own(client, people):
    link = reverse(
        "notifications:unsubscribe",
        args=[unsubscribe.token_for(people.member.pk, [Kind.MATCH_PROPOSED])],
    )
    page = client.get(link)
    assert page.status_code == 200 and "A match proposed to you" in text(page)
    assert selectors.deliveries_of(people.member)[Kind.MATCH_PROPOSED] == "email"
    assert client.post(link).status_code == 200
    assert selectors.deliveries_of(people.member)[Kind.MATCH_PROPOSED] == "inbox"
    # Only that recipient's, only that kind.
    assert selectors.deliveries_of(people.member)[Kind.MATCH_ANSWERED] == "email"
    assert selectors.deliveries_of(people.provider)[Kind.MATCH_PROPOSED] == "email"


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "WzEsWyJtYXRjaF9wcm9wb3NlZCJdXQ:1uAbCd:0000000000000000000000000000000",
    ],
)
def test_a_forged_or_altered_link_is_refused_clearly(client, people, token):
    real = unsubscribe.token_for(people.member.pk, [Kind.MATCH_PROPOSED])
    for link in (token, real[:-2] + ("AA" if not real.endswith("AA") else "BB")):
        for method in ("get", "post"):
            response = getattr(client, method)(
                reverse("notifications:unsubscribe", args=[link])
            )
            assert response.status_code == 404
            assert "This link is not valid" in text(response)
    assert selectors.deliveries_of(people.member)[Kind.MATCH_PROPOSED] == "email"


def test_a_notification_named_by_no_uuid_at_all_is_404(client, people):
    told(people.member)
    client.force_login(people.member)
    response = client.post(reverse("notifications:read"), {"notification": "nonsense"})
    assert response.status_code == 404
    assert Notification.objects.get().read_at is None
