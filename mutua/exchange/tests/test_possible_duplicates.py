"""Look-alike requests, shown to their owners and reviewers alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import draft as drafted
from mutua.testing.builders import published_request as published
from mutua.testing.builders import under_review
from mutua.testing.http import call
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def _duplicate_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "possible_duplicates" in q["sql"]]


def test_possible_duplicates_are_shown_to_the_owner_but_not_to_visitors(client, people):
    first = under_review(people, title="Barcoding freshwater fish Lake Malawi")
    second = under_review(people, title="Barcoding freshwater fish Lake Malawi again")
    assert first in second.possible_duplicates.all()
    client.force_login(people.focal_point)
    body = text(client.get(second.get_absolute_url()))
    assert "Possible duplicates" in body and str(first.uuid) in body
    request_transition(request=second, action="publish", by=people.coordinator)
    client.logout()
    assert "Possible duplicates" not in text(client.get(second.get_absolute_url()))


def test_possible_duplicates_are_shown_to_owners_and_reviewers_only(client, people):
    first = drafted(people)
    request_transition(request=first, action="submit", by=people.member)
    second = drafted(people)
    request_transition(request=second, action="submit", by=people.member)
    path = f"/requests/{second.uuid}"
    for user in (people.member, people.focal_point):
        body = call(client, "GET", path, user=user).json()
        assert body["possible_duplicates"] == [str(first.uuid)]
    assert call(client, "GET", path, user=people.outsider).status_code == 404


def test_the_list_loads_look_alikes_as_bare_ids_for_those_who_may_see_them(
    client, people
):
    first, second = published(people), published(people)
    assert list(second.possible_duplicates.all()) == [first]
    with CaptureQueriesContext(connection) as queries:
        body = call(client, "GET", "/requests", user=people.member).json()
    flagged = {item["uuid"]: item["possible_duplicates"] for item in body["items"]}
    assert flagged == {str(first.uuid): [], str(second.uuid): [str(first.uuid)]}
    (loaded,) = _duplicate_queries(queries)
    assert '"challenge"' not in loaded and '"search_text"' not in loaded


@pytest.mark.parametrize("who", [None, "outsider", "provider"])
def test_the_list_loads_no_look_alikes_for_those_who_may_not_see_them(
    client, people, who
):
    published(people), published(people)
    user = getattr(people, who) if who else None
    with CaptureQueriesContext(connection) as queries:
        body = call(client, "GET", "/requests", user=user).json()
    assert [item["possible_duplicates"] for item in body["items"]] == [[], []]
    assert _duplicate_queries(queries) == []
