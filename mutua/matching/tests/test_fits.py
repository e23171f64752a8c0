"""An offer's page of the requests it fits, and following new ones by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from mutua.matching import ranking
from mutua.matching.models import Subscription
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request

pytestmark = pytest.mark.django_db


def refresh(*requests):
    ranking.suggestions_refresh(
        requests[0].__class__.objects.filter(pk__in=[r.pk for r in requests])
    )


def test_the_offer_page_lists_the_requests_it_fits_with_reasons(client, people):
    offer = published_offer(people)
    request = published_request(people)
    refresh(request)
    body = client.get(reverse("matching:offer", args=[offer.uuid])).content.decode()
    assert request.title in body and "covers GBF target 4" in body
    assert "E-mail me" not in body  # visitors cannot follow
    detail = client.get(offer.get_absolute_url()).content.decode()
    assert reverse("matching:offer", args=[offer.uuid]) in detail


def test_a_provider_follows_and_hears_once_of_each_new_fitting_request(client, people):
    offer = published_offer(people)
    client.force_login(people.provider)
    url = reverse("matching:follow", args=[offer.uuid])
    response = client.post(url, {"follow": "on"}, follow=True)
    assert "You will hear of each new request" in response.content.decode()
    assert Subscription.objects.filter(user=people.provider, offer=offer).exists()

    first = published_request(people)
    refresh(first)
    assert len(mail.outbox) == 1 and first.title in mail.outbox[0].body
    refresh(first)  # ranked again: no second e-mail about the same request
    assert len(mail.outbox) == 1
    second = published_request(people, title="Barcoding of river fish")
    refresh(second)
    assert len(mail.outbox) == 2 and "river fish" in mail.outbox[1].body
    assert first.title not in mail.outbox[1].body

    client.post(url, {"follow": "off"})
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "member", "coordinator", "secretariat"])
def test_only_the_provider_may_follow(client, people, who):
    offer = published_offer(people)
    client.force_login(getattr(people, who))
    response = client.post(
        reverse("matching:follow", args=[offer.uuid]), {"follow": "on"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_following_needs_a_login_and_a_visible_offer(client, people):
    offer = published_offer(people)
    url = reverse("matching:follow", args=[offer.uuid])
    assert "/accounts/login/" in client.post(url, {"follow": "on"})["Location"]
    assert client.get(url).status_code == 405
    missing = reverse("matching:offer", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(missing).status_code == 404


def test_a_follow_choice_other_than_on_or_off_is_refused_with_a_message(client, people):
    offer = published_offer(people)
    client.force_login(people.provider)
    url = reverse("matching:follow", args=[offer.uuid])
    client.post(url, {"follow": "on"})
    response = client.post(url, {"follow": "maybe"}, follow=True)
    assert "Follow: choose on or off." in response.content.decode()
    assert Subscription.objects.filter(user=people.provider, offer=offer).exists()
