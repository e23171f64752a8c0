import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.renewal import listings_expire_due
from mutua.exchange.renewal import listings_remind_due
from mutua.exchange.renewal import send_renewal_reminder
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.listings import listing_transition
from mutua.testing.builders import offer_fields

pytestmark = pytest.mark.django_db


def published_offer(people, valid_until):
    offer = listing_create(
        Offer,
        by=people.provider,
        organization=people.university,
        **offer_fields(valid_until=valid_until),
    )
    return listing_transition(listing=offer, action="publish", by=people.provider)


def test_owners_are_reminded_once_before_the_end(
    people, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    published_offer(people, today + dt.timedelta(days=5))
    published_offer(people, today + dt.timedelta(days=200))
    with django_capture_on_commit_callbacks(execute=True):
        assert listings_remind_due(today=today) == 1
        assert listings_remind_due(today=today) == 0
    assert len(mail.outbox) == 0  # sent by the background worker, not on the way
    # Run the queued job as the worker would. (The worker command itself closes
    # the database connection, which would end the test's transaction.)
    (job,) = DBTaskResult.objects.all()
    assert job.task_path == "mutua.exchange.renewal.send_renewal_reminder"
    send_renewal_reminder.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["provider@example.org"]
    assert "renew" in mail.outbox[0].body.lower()


def test_ended_listings_expire_with_a_recorded_transition(people):
    today = timezone.localdate()
    offer = published_offer(people, today + dt.timedelta(days=1))
    assert listings_expire_due(today=today) == 0
    assert listings_expire_due(today=today + dt.timedelta(days=2)) == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED
    last = offer.transitions.last()
    assert (last.action, last.by, last.to_status) == ("expire", None, "expired")


def test_an_opportunity_expires_after_its_deadline(people):
    today = timezone.localdate()
    opportunity = listing_create(
        Opportunity,
        by=people.provider,
        organization=people.university,
        title="Seed grants for barcoding",
        description="Small grants for travel.",
        how_to_apply="Write to us.",
        deadline=today + dt.timedelta(days=3),
    )
    listing_transition(listing=opportunity, action="publish", by=people.provider)
    call_command("expire_listings", stdout=None)
    assert listings_expire_due(today=today + dt.timedelta(days=4)) == 1
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.EXPIRED
