"""The pages of partnerships take a number of queries that does not grow with
their rows: a list of many partnerships, a partnership that did and produced much."""

import pytest

from mutua.testing.builders import entered
from mutua.testing.partnerships import busy_partnership

pytestmark = pytest.mark.django_db

# The session and its user, the count and the page of partnerships, the unread
# notifications in the header.
LIST_QUERIES = 5
# The session and its user, the partnership, its match, its participants, who may
# edit it, each kind of record with the relations it shows, the unread count.
PARTNERSHIP_QUERIES = 18


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_takes_as_many_queries_for_thirty_partnerships_as_for_one(
    client, people, django_assert_max_num_queries, count
):
    for n in range(count):
        entered(people, title=f"Partnership {n}")
    client.force_login(people.member)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/partnerships/")
    assert response.status_code == 200
    assert f"Partnership {count - 1}" in response.content.decode()


@pytest.mark.parametrize("copies", [1, 8])
def test_a_partnership_takes_as_many_queries_however_much_it_did(
    client, people, django_assert_max_num_queries, copies
):
    partnership = busy_partnership(people, copies)
    client.force_login(people.member)
    with django_assert_max_num_queries(PARTNERSHIP_QUERIES):
        response = client.get(partnership.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Training {copies - 1}" in body and f"Grant {copies - 1}" in body
