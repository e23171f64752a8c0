"""An offer's page of the requests it fits, and following the new ones."""

import pytest
from django.urls import reverse

from mutua.directory.models import Profile
from mutua.matching import ranking
from mutua.matching import services
from mutua.matching.models import Subscription
from mutua.notifications import mail
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification
from mutua.notifications.services import preferences_set
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
    assert "Follow each new request" not in body  # visitors cannot follow
    detail = client.get(offer.get_absolute_url()).content.decode()
    assert reverse("matching:offer", args=[offer.uuid]) in detail


def told_of(user, kind):
    return [
        n.url
        for n in Notification.objects.filter(recipient=user, kind=kind).order_by("pk")
    ]


def test_a_provider_follows_and_hears_once_of_each_new_fitting_request(client, people):
    offer = published_offer(people)
    fitting_already = published_request(people, title="Seed bank of dry forests")
    refresh(fitting_already)
    client.force_login(people.provider)
    url = reverse("matching:follow", args=[offer.uuid])
    response = client.post(url, {"follow": "on"}, follow=True)
    assert "You will hear of each new request" in response.content.decode()
    assert Subscription.objects.filter(user=people.provider, offer=offer).exists()

    first = published_request(people)
    refresh(first, fitting_already)
    assert told_of(people.provider, Kind.FOLLOWED_OFFER) == [first.get_absolute_url()]
    refresh(first)  # ranked again: nothing more about the same request
    second = published_request(people, title="Barcoding of river fish")
    refresh(second)
    assert told_of(people.provider, Kind.FOLLOWED_OFFER) == [
        first.get_absolute_url(),
        second.get_absolute_url(),
    ]
    # Told at once, and not again in the weekly news of fits.
    followed = Notification.objects.filter(kind=Kind.FOLLOWED_OFFER)
    assert {n.delivery for n in followed} == {Delivery.EMAIL}
    assert told_of(people.provider, Kind.FITTING) == [
        fitting_already.get_absolute_url()
    ]

    client.post(url, {"follow": "off"})
    assert not Subscription.objects.exists()
    third = published_request(people, title="Pollinator survey of orchards")
    refresh(third)
    assert len(told_of(people.provider, Kind.FOLLOWED_OFFER)) == 2
    assert told_of(people.provider, Kind.FITTING) == [
        fitting_already.get_absolute_url(),
        third.get_absolute_url(),
    ]


def test_the_offer_page_says_how_its_provider_hears_of_new_requests(client, people):
    offer = published_offer(people)
    client.force_login(people.provider)
    url = reverse("matching:offer", args=[offer.uuid])
    body = client.get(url).content.decode()
    assert "Follow each new request" in body
    assert "How you hear of them: By e-mail at once" in body
    preferences_set(by=people.provider, deliveries={Kind.FOLLOWED_OFFER: "inbox"})
    body = client.get(url).content.decode()
    assert "How you hear of them: In Mutua only" in body


def test_a_follower_reads_of_a_new_fit_in_its_own_language(people):
    Profile.objects.create(user=people.provider, language="fr")
    offer = published_offer(people)
    services.subscription_set(offer=offer, by=people.provider, on=True)
    request = published_request(people)
    refresh(request)
    (told,) = Notification.objects.filter(kind=Kind.FOLLOWED_OFFER)
    email = mail.one(told)
    assert email.to == [people.provider.email]
    assert f"correspond à « {offer.title} », l’offre que vous suivez" in email.body
    assert "List-Unsubscribe" in email.extra_headers


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
