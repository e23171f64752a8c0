import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutua.core.errors import Conflict
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.listings import listing_update
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.exchange.services.requests import request_update
from mutua.testing.builders import offer_fields
from mutua.testing.builders import request_fields

pytestmark = pytest.mark.django_db
S = Request.Status


def draft(people, by=None, organization="ngo", **overrides):
    return request_create(
        by=by or people.member,
        country=people.malawi,
        organization=people.ngo if organization == "ngo" else organization,
        **request_fields(**overrides),
    )


def test_an_organization_request_is_endorsed_then_reviewed_then_published(people):
    request = draft(people)
    request = request_transition(request=request, action="submit", by=people.member)
    assert request.status == S.SUBMITTED
    request = request_transition(
        request=request, action="endorse", by=people.focal_point
    )
    assert (
        request.status == S.UNDER_REVIEW and request.endorsed_by == people.focal_point
    )
    request = request_transition(
        request=request, action="publish", by=people.coordinator
    )
    assert request.status == S.PUBLISHED and request.published_at is not None
    moves = list(
        request.transitions.values_list("action", "from_status", "to_status", "by")
    )
    assert moves == [
        ("create", "", "draft", people.member.pk),
        ("submit", "draft", "submitted", people.member.pk),
        ("endorse", "submitted", "under_review", people.focal_point.pk),
        ("publish", "under_review", "published", people.coordinator.pk),
    ]


def test_a_focal_points_submission_goes_straight_to_review(people):
    request = draft(people, by=people.focal_point, organization=None)
    request = request_transition(
        request=request, action="submit", by=people.focal_point
    )
    assert request.status == S.UNDER_REVIEW and request.endorsed_at is not None


def test_a_coordinator_of_another_region_may_not_publish(people):
    from mutua.directory.models import Region
    from mutua.directory.models import RoleAssignment

    RoleAssignment.objects.create(
        user=people.outsider, role="coordinator", region=Region.objects.get(code="419")
    )
    request = draft(people, by=people.focal_point, organization=None)
    request = request_transition(
        request=request, action="submit", by=people.focal_point
    )
    with pytest.raises(PermissionDenied):
        request_transition(request=request, action="publish", by=people.outsider)
    assert Request.objects.get(pk=request.pk).status == S.UNDER_REVIEW


def test_rejection_needs_a_reason_and_keeps_it(people):
    request = draft(people, by=people.focal_point, organization=None)
    request_transition(request=request, action="submit", by=people.focal_point)
    with pytest.raises(ValidationError) as error:
        request_transition(request=request, action="reject", by=people.coordinator)
    assert "reason" in error.value.message_dict
    request_transition(
        request=request, action="reject", by=people.coordinator, reason="Out of scope."
    )
    last = Transition.objects.filter(request=request).last()
    assert (last.to_status, last.reason) == ("rejected", "Out of scope.")


def test_an_impossible_move_is_refused_and_nothing_is_recorded(people):
    request = draft(people)
    before = Transition.objects.count()
    with pytest.raises(ValidationError):
        request_transition(request=request, action="publish", by=people.secretariat)
    assert Transition.objects.count() == before


def test_outsiders_may_not_draft_for_a_country(people):
    with pytest.raises(PermissionDenied):
        draft(people, by=people.outsider)
    with pytest.raises(PermissionDenied):
        draft(people, by=people.provider)  # a member, but of another country's org
    assert not Request.objects.exists()


def test_a_similar_open_request_is_flagged_as_possible_duplicate(people):
    first = draft(people)
    request_transition(request=first, action="submit", by=people.member)
    second = draft(people, by=people.focal_point, organization=None)
    request_transition(request=second, action="submit", by=people.focal_point)
    assert list(second.possible_duplicates.all()) == [first]
    other = draft(
        people, title="Mangrove nursery", challenge="Coastal erosion of mangroves."
    )
    request_transition(request=other, action="submit", by=people.member)
    assert not other.possible_duplicates.exists()


def test_creation_is_idempotent_on_a_client_id(people):
    import uuid

    client_id = uuid.uuid4()
    a = draft(people, uuid=client_id)
    b = draft(people, uuid=client_id)
    assert a.pk == b.pk and Request.objects.count() == 1


def test_an_offer_publishes_directly_and_renews(people):
    offer = listing_create(
        Offer, by=people.provider, organization=people.university, **offer_fields()
    )
    assert offer.country == people.south_africa
    offer = listing_transition(listing=offer, action="publish", by=people.provider)
    assert offer.status == Offer.Status.PUBLISHED
    offer = listing_transition(listing=offer, action="expire", by=None)
    with pytest.raises(ValidationError):
        listing_transition(
            listing=offer,
            action="renew",
            by=people.provider,
            valid_until=timezone.localdate(),
        )
    later = timezone.localdate() + dt.timedelta(days=90)
    offer = listing_transition(
        listing=offer, action="renew", by=people.provider, valid_until=later
    )
    assert (offer.status, offer.valid_until) == (Offer.Status.PUBLISHED, later)


def test_only_the_provider_changes_an_offer(people):
    offer = listing_create(
        Offer, by=people.provider, organization=people.university, **offer_fields()
    )
    for user in (people.outsider, people.member, people.focal_point):
        with pytest.raises(PermissionDenied):
            listing_transition(listing=offer, action="publish", by=user)


def test_an_offer_with_an_unknown_country_group_is_refused(people):
    with pytest.raises(ValidationError) as error:
        listing_create(
            Offer,
            by=people.provider,
            organization=people.university,
            **offer_fields(eligibility=["RICH"]),
        )
    assert "eligibility" in error.value.message_dict
    assert not Offer.objects.exists()


def test_a_request_sent_back_is_changed_and_comes_back_to_the_focal_point(people):
    request = draft(people)
    request = request_transition(request=request, action="submit", by=people.member)
    request = request_transition(
        request=request,
        action="send_back",
        by=people.focal_point,
        reason="Name the lakes.",
    )
    assert request.status == S.CLARIFICATION and request.endorsed_at is None
    request = request_update(
        request=request, by=people.member, title="Barcoding in lakes Malawi and Chilwa"
    )
    request = request_transition(request=request, action="submit", by=people.member)
    # Not endorsed yet, so it waits for the focal point again, not for review.
    assert request.status == S.SUBMITTED
    assert list(request.transitions.values_list("action", "reason"))[1:] == [
        ("submit", ""),
        ("send_back", "Name the lakes."),
        ("submit", ""),
    ]


@pytest.mark.parametrize("action", ["send_back", "decline"])
def test_the_focal_points_way_back_needs_a_reason(people, action):
    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    with pytest.raises(ValidationError) as error:
        request_transition(
            request=request, action=action, by=people.focal_point, reason="  "
        )
    assert "reason" in error.value.message_dict
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_a_declined_request_is_final(people):
    request = draft(people)
    request_transition(request=request, action="submit", by=people.member)
    request = request_transition(
        request=request, action="decline", by=people.focal_point, reason="Duplicate."
    )
    assert request.status == S.REJECTED
    with pytest.raises(PermissionDenied):
        request_update(request=request, by=people.member, title="Again")


def test_submitting_needs_the_akwe_kon_answer(people):
    request = draft(people, touches_iplc_lands="")
    assert request.touches_iplc_lands == ""  # a draft may leave it open
    with pytest.raises(ValidationError) as error:
        request_transition(request=request, action="submit", by=people.member)
    assert list(error.value.message_dict) == ["touches_iplc_lands"]
    request.refresh_from_db()
    assert request.status == S.DRAFT


def test_the_akwe_kon_answer_is_yes_no_or_not_known(people):
    request = draft(people)
    with pytest.raises(ValidationError) as error:
        request_update(request=request, by=people.member, touches_iplc_lands="maybe")
    assert list(error.value.message_dict) == ["touches_iplc_lands"]


def test_a_submitted_request_may_not_lose_its_akwe_kon_answer(people):
    request = draft(people, touches_iplc_lands="unknown")
    request_transition(request=request, action="submit", by=people.member)
    request.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        request_update(request=request, by=people.member, touches_iplc_lands="")
    assert list(error.value.message_dict) == ["touches_iplc_lands"]


def test_an_edit_from_a_stale_copy_keeps_the_status_and_the_other_fields(people):
    offer = listing_create(
        Offer, by=people.provider, organization=people.university, **offer_fields()
    )
    stale = Offer.objects.get(pk=offer.pk)
    listing_transition(listing=offer, action="publish", by=people.provider)
    listing_update(listing=offer, by=people.provider, capacity=5)
    listing_update(listing=stale, by=people.provider, title="Renamed")
    offer.refresh_from_db()
    assert (offer.status, offer.capacity, offer.title) == ("published", 5, "Renamed")
    assert offer.transitions.last().to_status == offer.status


def test_an_edit_of_a_field_changed_since_it_was_read_is_a_conflict(people):
    offer = listing_create(
        Offer, by=people.provider, organization=people.university, **offer_fields()
    )
    listing_update(listing=offer, by=people.provider, capacity=5)
    with pytest.raises(Conflict, match="changed this meanwhile to “5”"):
        listing_update(
            listing=offer, by=people.provider, seen={"capacity": 2}, capacity=3
        )
    listing_update(listing=offer, by=people.provider, seen={"capacity": 5}, capacity=3)
    offer.refresh_from_db()
    assert offer.capacity == 3
