"""Telling people of events: once per event and recipient, as each chose, and
from the places where the events happen."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils import translation

from mutua.community import services as helpdesk
from mutua.community.models import HelpdeskTicket
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_transition
from mutua.matching import ranking
from mutua.matching import services as matching
from mutua.matching.models import Suggestion
from mutua.notifications import services
from mutua.notifications import texts
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.testing.builders import draft
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.builders import suggested_pair

pytestmark = pytest.mark.django_db

SAID = "The request “%(title)s” of %(country)s waits for review."


def tell(people, *recipients, key="event-1", **extra):
    return services.notify(
        recipients=recipients,
        kind=Kind.REVIEW_WAITING,
        key=key,
        sentence=SAID,
        values={"title": "Wetland survey", "country": "Malawi"},
        url="/requests/",
        **extra,
    )


def test_an_event_is_told_once_to_each_recipient_however_often_it_is_told(people):
    tell(people, people.member, people.provider)
    tell(people, people.member, people.provider, people.coordinator)
    told = sorted(Notification.objects.values_list("recipient__username", flat=True))
    assert told == sorted(["member", "provider", "coordinator"])


def test_the_database_refuses_a_second_notification_of_one_event(people):
    tell(people, people.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=people.member,
            kind=Kind.REVIEW_WAITING,
            key="event-1",
            sentence=SAID,
            url="/",
            delivery=Delivery.INBOX,
        )


def test_who_did_it_and_inactive_accounts_are_not_told(people):
    people.outsider.is_active = False
    people.outsider.save()
    tell(people, people.member, people.outsider, people.coordinator, but=people.member)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [
        people.coordinator.pk
    ]


def test_each_recipient_hears_as_it_chose_for_the_kind(people):
    services.preferences_set(
        by=people.member, deliveries={Kind.REVIEW_WAITING: Delivery.WEEKLY}
    )
    tell(people, people.member, people.provider)
    deliveries = dict(
        Notification.objects.values_list("recipient__username", "delivery")
    )
    assert deliveries == {"member": Delivery.WEEKLY, "provider": Delivery.EMAIL}


def test_a_proposed_match_tells_the_side_that_has_to_answer(people):
    request, offer = published_request(people), published_offer(people)
    match = matching.match_propose(request=request, offer=offer, by=people.member)
    told = Notification.objects.filter(kind=Kind.MATCH_PROPOSED)
    # The NGO's member proposed, so its side has accepted: the provider answers.
    assert [n.recipient for n in told] == [people.provider]
    assert told[0].url == f"/requests/{request.uuid}/matches/"
    matching.match_answer(match=match, by=people.provider, accept=True)
    answered = Notification.objects.filter(kind=Kind.MATCH_ANSWERED)
    assert {n.recipient for n in answered} == {people.member, people.focal_point}
    assert "accepted" in answered[0].sentence


def test_an_engine_proposal_tells_both_sides(people):
    request, offer = published_request(people), published_offer(people)
    matching.match_propose(request=request, offer=offer, by=None)
    told = {n.recipient for n in Notification.objects.filter(kind=Kind.MATCH_PROPOSED)}
    assert told == {people.member, people.focal_point, people.provider}


def test_a_request_endorsed_tells_its_regions_coordinators(people):
    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    assert not Notification.objects.exists()
    request_transition(request=request, action="endorse", by=people.focal_point)
    (told,) = Notification.objects.all()
    assert told.recipient == people.coordinator and told.kind == Kind.REVIEW_WAITING
    assert told.values == {
        "title": request.title,
        "country": "Malawi",
        "country_iso3": "MWI",
    }


def test_a_country_is_named_in_the_readers_language(people):
    told = Notification(
        sentence=SAID,
        values={"title": "Wetland survey", **texts.country_values(people.south_africa)},
    )
    assert texts.sentence(told) == (
        "The request “Wetland survey” of South Africa waits for review."
    )
    with translation.override("fr"):
        assert "« Wetland survey » (Afrique du Sud) attend" in texts.sentence(told)
    with translation.override("ru"):
        assert "Южная Африка" in texts.sentence(told)
    # Told before countries carried their code: the English name still reads.
    told.values = {"title": "Wetland survey", "country": "South Africa"}
    with translation.override("fr"):
        assert "South Africa" in texts.sentence(told)


def test_a_date_is_written_as_the_readers_pages_write_dates(people):
    told = Notification(
        sentence="A match is proposed: the offer “%(offer)s” for the request "
        "“%(request)s”. Answer it by %(date)s.",
        values={"offer": "Drones", "request": "Wetlands", "date": "2026-03-05"},
    )
    assert texts.sentence(told).endswith("Answer it by 5 March 2026.")
    with translation.override("fr"):
        assert "5 mars 2026" in texts.sentence(told)
    with translation.override("zh-hans"):
        assert "2026年3月5日" in texts.sentence(told)


def test_a_time_is_written_with_its_zone_as_a_calls_page_writes_it(people):
    told = Notification(
        sentence="The call “%(call)s” closes on %(date)s: your application is "
        "still a draft. Submit it before then.",
        values={"call": "Seed grants", "date": "2026-03-05T17:00:00+00:00"},
    )
    assert "closes on 5 March 2026, 17:00 (UTC):" in texts.sentence(told)
    with translation.override("fr"):
        assert "le 5 mars 2026, 17:00 (UTC) :" in texts.sentence(told)
    told.values["date"] = "2026-03-05 17:00 UTC"  # as written before: kept as it is
    assert "closes on 2026-03-05 17:00 UTC:" in texts.sentence(told)
    told.values["date"] = "2026-03-05T17:00:00"  # no zone: no time to convert
    assert "closes on 2026-03-05T17:00:00:" in texts.sentence(told)


def test_a_helpdesk_reply_tells_the_other_side(people):
    ticket = helpdesk.ticket_open(
        by=people.outsider,
        country=people.malawi,
        subject="Seed bank",
        message="We need help storing seeds.",
    )
    helpdesk.ticket_reply(ticket=ticket, by=people.coordinator, message="Which seeds?")
    helpdesk.ticket_reply(ticket=ticket, by=people.outsider, message="Maize.")
    told = Notification.objects.filter(kind=Kind.HELPDESK_REPLY).order_by("pk")
    assert [n.recipient for n in told] == [people.outsider, people.coordinator]
    assert told[0].url == f"/helpdesk/{HelpdeskTicket.objects.get().uuid}/"


def test_new_fits_go_to_the_providers_and_the_focal_points_weekly_digest(people):
    request, offer = suggested_pair(people)
    fits = Notification.objects.filter(kind=Kind.FITTING)
    assert {(n.recipient, n.url) for n in fits} == {
        (people.provider, request.get_absolute_url()),
        (people.focal_point, offer.get_absolute_url()),
    }
    assert {n.delivery for n in fits} == {Delivery.WEEKLY}
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    assert fits.count() == 2  # told once


def test_a_refresh_spends_one_query_on_the_fits_told_already(
    people, django_assert_max_num_queries
):
    request, offer = suggested_pair(people)
    suggestions = list(Suggestion.objects.filter(request=request))
    since = timezone.now() - ranking.NEW_FOR
    # The new records, the fits' records, and the keys told already.
    with django_assert_max_num_queries(5):
        assert ranking.fits_tell(suggestions, since=since) == 0


def test_fits_of_records_published_long_ago_are_no_news(people):
    request, offer = published_request(people), published_offer(people)
    long_ago = timezone.now() - dt.timedelta(days=8)
    Request.objects.filter(pk=request.pk).update(published_at=long_ago)
    Offer.objects.filter(pk=offer.pk).update(published_at=long_ago)
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    assert Suggestion.objects.filter(request=request, offer=offer).exists()
    assert not Notification.objects.filter(kind=Kind.FITTING).exists()
