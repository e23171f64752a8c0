"""E-mails of notifications: sent once by the worker however often it runs,
tried again after a mail server fails, in the recipient's language, with a
one-click unsubscribe; digests gather what waits."""

import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mutua.directory.models import Profile
from mutua.notifications import jobs
from mutua.notifications import selectors
from mutua.notifications import services
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.jobs import work

SAID = "A new reply to the question “%(subject)s”."


def tell(people, *recipients, key="reply-1"):
    services.notify(
        recipients=recipients,
        kind=Kind.HELPDESK_REPLY,
        key=key,
        sentence=SAID,
        values={"subject": "Seed bank"},
        url="/helpdesk/",
    )


@pytest.fixture
def no_wait(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_SECONDS = 0


@pytest.fixture
def closed_port():
    """A port of this machine where no mail server listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_the_job_run_twice_sends_each_mail_once(people, no_wait):
    tell(people, people.member, people.provider)
    work()
    assert sorted(m.to[0] for m in mail.outbox) == [
        people.member.email,
        people.provider.email,
    ]
    assert jobs.send_emails.call("reply-1") == 0
    tell(people, people.member, people.provider)  # told again: nothing new
    work()
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(emailed_at=None).count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_tried_again_and_nothing_is_sent_twice(
    people, settings, no_wait, closed_port
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_TIMEOUT = 2
    tell(people, people.member)
    work()
    job = DBTaskResult.objects.get()
    assert job.status == TaskResultStatus.FAILED
    assert len(job.worker_ids) == 3  # every attempt made, each refused
    assert Notification.objects.get().emailed_at is None
    # The server is back: the job runs again and sends the one mail.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    jobs.send_emails.enqueue("reply-1")
    work()
    assert [m.to for m in mail.outbox] == [[people.member.email]]
    assert Notification.objects.get().emailed_at is not None
    jobs.send_emails.enqueue("reply-1")
    work()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_has_a_one_click_unsubscribe_and_the_readers_language(people, client):
    Profile.objects.create(user=people.member, language="fr")
    tell(people, people.member, people.provider)
    assert jobs.send_emails.call("reply-1") == 2
    to = {m.to[0]: m for m in mail.outbox}
    french, english = to[people.member.email], to[people.provider.email]
    assert "Une nouvelle réponse à la question « Seed bank »." in french.body
    assert "A new reply to the question “Seed bank”." in english.body
    link = english.extra_headers["List-Unsubscribe"].strip("<>")
    assert english.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert link in english.body
    # A mail client's one-click: a POST without session or CSRF token.
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert selectors.deliveries_of(people.provider)[Kind.HELPDESK_REPLY] == "inbox"
    assert selectors.deliveries_of(people.member)[Kind.HELPDESK_REPLY] == "email"


@pytest.mark.django_db
def test_a_digest_gathers_what_waits_and_is_sent_once(people):
    services.preferences_set(
        by=people.member,
        deliveries={Kind.HELPDESK_REPLY: Delivery.DAILY, Kind.CALL_NEWS: "daily"},
    )
    tell(people, people.member, key="reply-1")
    tell(people, people.member, key="reply-2")
    services.notify(
        recipients=[people.member],
        kind=Kind.CALL_NEWS,
        key="call-1",
        sentence="The call “%(title)s” closes in %(days)s days.",
        values={"title": "Hosts", "days": "3"},
        url="/calls/",
    )
    assert jobs.send_emails.call("reply-1") == 0  # not at once: in the digest
    assert jobs.send_digests.call(Delivery.WEEKLY) == 0
    assert jobs.send_digests.call(Delivery.DAILY) == 1
    (digest,) = mail.outbox
    assert digest.subject == "Your daily Mutua digest"
    assert digest.body.count("Seed bank") == 2 and "Hosts" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers
    assert jobs.send_digests.call(Delivery.DAILY) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_command_queues_the_digests_for_the_worker(people):
    services.preferences_set(by=people.member, deliveries={"helpdesk_reply": "weekly"})
    tell(people, people.member)
    call_command("send_digests", "weekly", stdout=io.StringIO())
    assert not mail.outbox
    work()
    assert [m.subject for m in mail.outbox] == ["Your weekly Mutua digest"]
    with pytest.raises(CommandError):
        call_command("send_digests", "hourly", stdout=io.StringIO())
