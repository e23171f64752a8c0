"""The matching pages: suggestions with reasons, proposing, answering, refusals."""

import pytest
from django.urls import reverse

from mutua.matching import ranking
from mutua.matching.models import Match
from mutua.testing.builders import published_offer, published_request

pytestmark = pytest.mark.django_db


def page(client, request) -> str:
    response = client.get(reverse("matching:request", args=[request.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def propose(client, request, offer_value):
    return client.post(
        reverse("matching:propose", args=[request.uuid]), {"offer": offer_value}
    )


def test_anyone_sees_the_suggestions_with_their_reasons(client, suggested):
    request, offer = suggested
    body = page(client, request)
    assert offer.title in body
    assert "Both work in English" in body and "covers GBF target 4" in body
    assert "Propose this match" not in body  # visitors may not propose
    detail = client.get(request.get_absolute_url()).content.decode()
    assert reverse("matching:request", args=[request.uuid]) in detail


def test_a_request_with_no_suggestions_says_why(client, people):
    request = published_request(people)
    assert "No suggestions yet" in page(client, request)


def test_the_requester_proposes_and_the_provider_accepts(client, people, suggested):
    request, offer = suggested
    client.force_login(people.member)
    assert "Propose this match" in page(client, request)
    response = propose(client, request, str(offer.uuid))
    assert response.status_code == 302
    match = Match.objects.get()
    assert match.origin == "engine" and match.requester_decision == "accepted"
    assert "Propose this match" not in page(client, request)  # proposed once

    client.force_login(people.provider)
    body = page(client, request)
    assert "Accept" in body and "Reason for declining" in body
    response = client.post(
        reverse("matching:answer", args=[match.uuid]), {"answer": "accept"}, follow=True
    )
    assert "the partnership begins" in response.content.decode()
    match.refresh_from_db()
    partnership_page = client.get(match.partnership.get_absolute_url())
    assert partnership_page.status_code == 200
    assert "Suggested by the matching engine" in partnership_page.content.decode()


def test_a_decline_without_a_reason_is_refused_with_a_message(
    client, people, suggested
):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(people.provider)
    url = reverse("matching:answer", args=[match.uuid])
    response = client.post(url, {"answer": "decline", "reason": ""}, follow=True)
    assert "Give a reason to decline." in response.content.decode()
    response = client.post(url, {"answer": "maybe"}, follow=True)
    assert "Answer: choose accept or decline." in response.content.decode()
    match.refresh_from_db()
    assert match.status == "proposed"
    client.post(url, {"answer": "decline", "reason": "<script>x</script> Busy."})
    match.refresh_from_db()
    assert match.status == "declined"
    assert "&lt;script&gt;" in page(client, request)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not an address",
        "https://example.org/offers/",
        "00000000-0000-0000-0000-000000000000",
    ],
)
def test_a_coordinator_proposing_a_missing_offer_gets_a_clear_message(
    client, people, suggested, value
):
    request, _offer = suggested
    client.force_login(people.coordinator)
    response = propose(client, request, value)
    body = client.get(response["Location"]).content.decode()
    assert "Offer: give the address of a published offer." in body
    assert not Match.objects.exists()


def test_a_coordinator_proposes_any_offer_by_its_address(client, people, suggested):
    request, _offer = suggested
    other = published_offer(people, title="Another barcoding course")
    client.force_login(people.coordinator)
    propose(client, request, f"https://mutua.example{other.get_absolute_url()}")
    assert Match.objects.get().origin == "coordinator"


@pytest.mark.parametrize("who", ["outsider", "secretariat", "coordinator"])
def test_who_answers_for_no_side_is_refused(client, people, suggested, who):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(getattr(people, who))
    response = client.post(
        reverse("matching:answer", args=[match.uuid]), {"answer": "accept"}
    )
    assert response.status_code == 403
    match.refresh_from_db()
    assert match.provider_decision == "pending"


def test_sides_may_propose_only_what_the_engine_suggested(client, people, suggested):
    request, _offer = suggested
    other = published_offer(people, title="Unsuggested")
    client.force_login(people.member)
    assert propose(client, request, str(other.uuid)).status_code == 403
    client.force_login(people.outsider)
    assert propose(client, request, str(_offer.uuid)).status_code == 403
    assert not Match.objects.exists()


def test_visitors_are_sent_to_log_in_and_drafts_stay_hidden(client, people, suggested):
    request, offer = suggested
    response = propose(client, request, str(offer.uuid))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        client.get(reverse("matching:propose", args=[request.uuid])).status_code == 405
    )
    from mutua.exchange import services as exchange
    from mutua.testing.builders import request_fields

    draft = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    assert client.get(reverse("matching:request", args=[draft.uuid])).status_code == 404


def test_the_page_names_the_providers_and_the_donors_among_them(client, people):
    from mutua.directory.models import ResourceType

    request = published_request(people)
    published_offer(people)
    published_offer(
        people,
        title="Grants for barcoding laboratories",
        resources=ResourceType.objects.filter(code__in=["funding", "expertise"]),
    )
    ranking.suggestions_refresh(request.__class__.objects.filter(pk=request.pk))
    body = page(client, request)
    providers = body.split('id="providers-heading"')[1]
    assert providers.count(people.university.name) == 2  # once a provider, once a donor
    donors = providers.split("Donors")[1].split("</section>")[0]
    assert "Grants for barcoding laboratories" in donors


def test_the_request_page_loads_its_three_best_offers_with_htmx(client, suggested):
    request, offer = suggested
    detail = client.get(request.get_absolute_url()).content.decode()
    assert 'hx-trigger="load"' in detail  # without JavaScript, the link stays
    url = reverse("matching:request", args=[request.uuid])
    response = client.get(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Best offers for this request" in body and offer.title in body
    assert "<html" not in body and "HX-Request" in response["Vary"]


def test_explanations_speak_the_readers_language(client, suggested):
    request, _offer = suggested
    url = reverse("matching:request", args=[request.uuid])
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tous deux travaillent en anglais" in french
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Ambos trabajan en inglés" in spanish


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, False),
        ("outsider", False),
        ("member", True),
        ("focal_point", True),
        ("provider", True),
        ("coordinator", True),
        ("secretariat", True),
    ],
)
def test_why_a_side_declined_is_shown_to_those_involved_only(
    client, people, suggested, who, sees
):
    request, offer = suggested
    client.force_login(people.member)
    propose(client, request, str(offer.uuid))
    client.force_login(people.provider)
    client.post(
        reverse("matching:answer", args=[Match.objects.get().uuid]),
        {"answer": "decline", "reason": "Our team is busy until March."},
    )
    client.logout()
    if who:
        client.force_login(getattr(people, who))
    body = page(client, request)
    assert "Declined" in body  # everyone sees the answer
    assert ("Our team is busy until March." in body) is sees


def test_a_pair_in_partnership_is_not_offered_again_and_its_places_drop(
    client, people, suggested
):
    request, offer = suggested
    capacity = offer.capacity
    client.force_login(people.member)
    assert f"{capacity} places left" in page(client, request)
    propose(client, request, str(offer.uuid))
    match = Match.objects.get()
    client.force_login(people.provider)
    client.post(reverse("matching:answer", args=[match.uuid]), {"answer": "accept"})
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED and match.partnership

    client.force_login(people.member)
    body = page(client, request)
    assert "Propose this match" not in body
    left = capacity - 1
    assert (f"{left} places left" if left != 1 else "1 place left") in body
    response = propose(client, request, str(offer.uuid))  # by hand, all the same
    assert response.status_code == 302
    assert Match.objects.count() == 1
    detail = client.get(offer.get_absolute_url()).content.decode()
    assert f"{left} left" in detail


def test_a_focal_point_answers_its_countrys_proposals_from_one_page(
    client, people, suggested
):
    request, offer = suggested
    client.force_login(people.provider)
    propose(client, request, str(offer.uuid))  # waits for Malawi's answer
    match = Match.objects.get()
    url = reverse("matching:waiting")
    client.force_login(people.focal_point)
    body = client.get(url).content.decode()
    assert request.title in body and offer.title in body
    assert reverse("matching:answer", args=[match.uuid]) in body
    me = client.get("/me/").content.decode()
    assert url in me

    response = client.post(
        reverse("matching:answer", args=[match.uuid]),
        {"answer": "accept", "next": "waiting"},
    )
    assert response.status_code == 302 and response.url == url
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED and match.partnership
    assert request.title not in client.get(url).content.decode()


@pytest.mark.parametrize("persona", ["outsider", "member", "provider", "coordinator"])
def test_only_focal_points_see_the_proposals_waiting_for_a_country(
    client, people, suggested, persona
):
    request, offer = suggested
    client.force_login(people.provider)
    propose(client, request, str(offer.uuid))
    client.force_login(getattr(people, persona))
    response = client.get(reverse("matching:waiting"))
    assert response.status_code == 403
    assert request.title not in response.content.decode()


def test_the_waiting_page_asks_visitors_to_log_in(client):
    response = client.get(reverse("matching:waiting"))
    assert response.status_code == 302 and "login" in response.url
