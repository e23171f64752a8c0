"""Allocation rounds: started by a coordinator, worked out by a job, edited, sent."""

import pytest
from django.urls import reverse
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from mutua.directory.models import Region
from mutua.matching import rounds
from mutua.matching.models import AllocationRound
from mutua.matching.models import Match
from mutua.matching.models import RoundPair
from mutua.matching.rounds import work_out_round
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request

pytestmark = pytest.mark.django_db
LIST = reverse("matching:rounds")


@pytest.fixture
def eastern_africa(reference):
    return Region.objects.get(code="014")


def run_queued_round():
    (job,) = DBTaskResult.objects.filter(task_path=work_out_round.module_path)
    context = TaskContext(task_result=job.task_result)
    return work_out_round.call(context, **job.args_kwargs["kwargs"])


def change(client, found, **data):
    return client.post(
        reverse("matching:round_change", args=[found.uuid]), data, follow=True
    )


def test_a_coordinator_runs_a_round_reviews_it_and_sends_it(
    client, people, eastern_africa, django_capture_on_commit_callbacks
):
    offer = published_offer(people, capacity=1)
    first = published_request(people)
    second = published_request(people, title="Barcoding of Lake Chilwa fish")
    client.force_login(people.coordinator)
    page = client.get(LIST).content.decode()
    assert "Eastern Africa" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"region": "014"})
    found = AllocationRound.objects.get()
    assert response["Location"] == reverse("matching:round", args=[found.uuid])
    assert "being worked out" in client.get(response["Location"]).content.decode()

    assert run_queued_round() == "done"
    found.refresh_from_db()
    assert found.status == "draft" and found.requests_considered == 2
    (pair,) = found.pairs.all()  # one place: one of the two requests gets it
    assert pair.offer == offer and pair.request in (first, second)
    body = client.get(reverse("matching:round", args=[found.uuid])).content.decode()
    assert "covers GBF target 4" in body and "Send the proposals" in body

    refused = change(client, found, change="send")
    assert "Tick the box" in refused.content.decode()
    assert not Match.objects.exists()
    sent = change(client, found, change="send", confirm="yes")
    assert "1 match proposals sent." in sent.content.decode()
    match = Match.objects.get()
    assert match.origin == "coordinator" and match.proposed_by == people.coordinator
    found.refresh_from_db()
    assert found.status == "sent"
    again = change(client, found, change="remove", pair=str(pair.pk))
    assert "Only a round not yet sent can be changed." in again.content.decode()


def test_pairs_are_removed_and_added_by_hand_within_the_places(people, eastern_africa):
    offer = published_offer(people, capacity=1)
    request = published_request(people)
    found = AllocationRound.objects.create(region=eastern_africa, priority=0.5)
    rounds.round_work_out(found)
    pair = found.pairs.get()
    rounds.round_pair_remove(pair=pair, by=people.coordinator)
    assert not found.pairs.exists()
    added = rounds.round_pair_add(
        found=found, request=request, offer=offer, by=people.coordinator
    )
    assert added.fit > 0 and added.reasons
    other = published_request(people, title="Another need")
    with pytest.raises(rounds.ValidationError, match="No place is left"):
        rounds.round_pair_add(
            found=found, request=other, offer=offer, by=people.coordinator
        )
    with pytest.raises(rounds.ValidationError, match="already has an offer"):
        rounds.round_pair_add(
            found=found, request=request, offer=offer, by=people.coordinator
        )


def test_requests_outside_the_region_stay_out(people, reference):
    published_offer(people)
    published_request(people)
    oceania = Region.objects.get(code="009")
    found = AllocationRound.objects.create(region=oceania, priority=0.5)
    rounds.round_work_out(found)
    assert found.requests_considered == 0 and not RoundPair.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"change": "remove", "pair": "abc"}, "No such pair in this round."),
        (
            {"change": "add", "request": "x", "offer": "y"},
            "Request: choose a request of the round from the list.",
        ),
        ({"change": "explode"}, "Unknown change."),
    ],
)
def test_bad_changes_get_a_clear_message(client, people, eastern_africa, data, message):
    found = AllocationRound.objects.create(
        region=eastern_africa, priority=0.5, status="draft"
    )
    client.force_login(people.coordinator)
    assert message in change(client, found, **data).content.decode()


@pytest.mark.parametrize("who", ["outsider", "member", "provider", "focal_point"])
def test_only_coordinators_and_the_secretariat_run_rounds(
    client, people, eastern_africa, who
):
    client.force_login(getattr(people, who))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"region": "014"}).status_code == 403
    found = AllocationRound.objects.create(region=eastern_africa, priority=0.5)
    assert client.get(reverse("matching:round", args=[found.uuid])).status_code == 404
    with pytest.raises(rounds.PermissionDenied):
        rounds.round_start(region=eastern_africa, by=getattr(people, who))


def test_a_coordinator_cannot_run_another_regions_round(client, people, reference):
    client.force_login(people.coordinator)
    response = client.post(LIST, {"region": "009"}, follow=True)
    assert (
        "Region: choose one of the regions you coordinate." in response.content.decode()
    )
    assert not AllocationRound.objects.exists()
    client.force_login(people.secretariat)
    assert client.get(LIST).status_code == 200


def test_a_coordinator_adds_a_pair_by_choosing_from_the_rounds_lists(
    client, people, eastern_africa
):
    offer = published_offer(people, capacity=2)
    first = published_request(people)
    found = AllocationRound.objects.create(region=eastern_africa, priority=0.5)
    rounds.round_work_out(found)
    found.pairs.all().delete()
    second = published_request(people, title="Barcoding of Lake Chilwa fish")
    client.force_login(people.coordinator)
    page = client.get(reverse("matching:round", args=[found.uuid])).content.decode()
    assert f'<option value="{first.uuid}">{first.title}</option>' in page
    assert f'<option value="{second.uuid}">{second.title}</option>' in page
    assert '<optgroup label="Malawi">' in page
    assert f'<option value="{offer.uuid}">{offer.title} — ' in page
    assert "address" not in page

    change(client, found, change="add", request=str(first.uuid), offer=str(offer.uuid))
    pair = found.pairs.get()
    assert (pair.request, pair.offer) == (first, offer)
    page = client.get(reverse("matching:round", args=[found.uuid])).content.decode()
    assert f'<option value="{first.uuid}">' not in page  # it has its offer now


def test_an_offer_not_published_cannot_be_chosen(client, people, eastern_africa):
    request = published_request(people)
    draft = published_offer(people)
    type(draft).objects.filter(pk=draft.pk).update(status="paused")
    found = AllocationRound.objects.create(
        region=eastern_africa, priority=0.5, status="draft"
    )
    client.force_login(people.coordinator)
    body = change(
        client, found, change="add", request=str(request.uuid), offer=str(draft.uuid)
    ).content.decode()
    assert "Offer: choose a published offer from the list." in body
    assert not found.pairs.exists()
