"""The lists as a client application reads them: filters, pages, the change feed,
no query per item."""

import datetime as dt

import pytest
from django.utils import timezone

from mutua.directory.models import GbfTarget
from mutua.exchange.models import Request
from mutua.testing.builders import draft as drafted
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request as published
from mutua.testing.http import call
from mutua.testing.http import errors

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_list_only_published_requests(client, people):
    shown = published(people)
    drafted(people, title="A draft nobody else sees")
    response = call(client, "GET", "/requests")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    [item] = body["items"]
    assert item["uuid"] == str(shown.uuid)
    assert item["status"] == "published"
    assert item["country"] == "MWI" and item["organization"] == str(people.ngo.uuid)
    assert item["targets"] == [4, 20] and item["modalities"] == ["joint_training"]
    assert item["page_url"] == f"http://testserver/requests/{shown.uuid}/"
    assert item["home_instance"] and item["published_at"] and item["updated_at"]
    assert "id" not in item


def test_lists_search_and_filter_like_the_pages(client, people):
    fish = published(people)
    mangroves = published(
        people,
        title="Mangrove nursery",
        challenge="Coastal erosion of mangroves.",
        targets=GbfTarget.objects.filter(number=11),
    )

    def uuids(query: str) -> set[str]:
        response = call(client, "GET", f"/requests?{query}")
        assert response.status_code == 200, response.content
        return {item["uuid"] for item in response.json()["items"]}

    assert uuids("q=cichlid") == {str(fish.uuid)}
    assert uuids("q=mangrove") == {str(mangroves.uuid)}
    assert uuids("target=4") == {str(fish.uuid)}
    assert uuids("target=4&target=11") == {str(fish.uuid), str(mangroves.uuid)}
    assert uuids("modality=joint_training&language=en&resource=expertise") == {
        str(fish.uuid),
        str(mangroves.uuid),
    }
    assert uuids("country=MWI&region=014&group=LDC") == {
        str(fish.uuid),
        str(mangroves.uuid),
    }
    assert uuids("country=ZAF") == set()
    assert uuids("group=SIDS") == set()


def test_unknown_query_values_are_named(client, people):
    cases = {
        "modality=foo": {"modality.0": "Unknown code: foo."},
        "language=xx&language=yy": {
            "language.0": "Unknown code: xx.",
            "language.1": "Unknown code: yy.",
        },
        "country=ZZZ": {"country.0": "Unknown code: ZZZ."},
        "country=mwi": {"country.0": "Unknown code: mwi."},
        "region=999": {"region.0": "Unknown code: 999."},
    }
    for query, named in cases.items():
        response = call(client, "GET", f"/requests?{query}")
        assert response.status_code == 422, query
        assert errors(response) == named
    for query, field in {
        "target=abc": "target.0",
        "target=99999999999999999999999": "target.0",
        "group=RICH": "group.0",
        "page=0": "page",
        "page=x": "page",
        "page_size=101": "page_size",
        "updated_since=yesterday": "updated_since",
        "updated_since=2025-02-30T00:00:00": "updated_since",
        "updated_since=0.5": "updated_since",
        "updated_since=1700000000": "updated_since",
        f"q={'x' * 201}": "q",
    }.items():
        response = call(client, "GET", f"/offers?{query}")
        assert response.status_code == 422, query
        assert field in errors(response), (query, response.json())


def test_a_page_past_the_last_is_not_found_naming_page(client, people):
    published(people)
    response = call(client, "GET", "/requests?page=2")
    assert response.status_code == 404
    assert errors(response) == {"page": "There are 1 pages; ask for one of them."}


def test_pages_hold_at_most_page_size_items(client, people):
    for n in range(3):
        published(people, title=f"Request number {n}", challenge=f"Need {n}.")
    response = call(client, "GET", "/requests?page_size=2&page=2")
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (3, 2, 2)
    assert len(body["items"]) == 1


def test_updated_since_gives_the_changes_oldest_first(client, people):
    old = published(people, title="Old request", challenge="Old need.")
    Request.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=10)
    )
    first = published(people, title="First request", challenge="First need.")
    second = published(people, title="Second request", challenge="Second need.")
    Request.objects.filter(pk=first.pk).update(updated_at=timezone.now())
    since = (timezone.now() - dt.timedelta(days=1)).replace(tzinfo=None).isoformat()
    response = call(client, "GET", f"/requests?updated_since={since}")
    assert response.status_code == 200
    assert [i["uuid"] for i in response.json()["items"]] == [
        str(second.uuid),
        str(first.uuid),
    ]


def test_lists_do_not_query_per_item(client, people, django_assert_max_num_queries):
    published(people, title="Request 0", challenge="Need 0.")
    published_offer(people, title="Offer 0")
    with django_assert_max_num_queries(20) as few:
        call(client, "GET", "/requests")
        call(client, "GET", "/offers")
    for n in range(1, 4):
        published(people, title=f"Request {n}", challenge=f"Need {n}.")
        published_offer(people, title=f"Offer {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert call(client, "GET", "/requests").json()["count"] == 4
        assert call(client, "GET", "/offers").json()["count"] == 4
