"""The duplicate check at submission: found through the search index, compared
on a few candidates only, with nothing locked but the submitted request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutua.core.text import index_text
from mutua.exchange import duplicates
from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import request_fields

pytestmark = pytest.mark.django_db


def submitted(people, by, organization):
    request = request_create(
        by=by, country=people.malawi, organization=organization, **request_fields()
    )
    return request_transition(request=request, action="submit", by=by)


def unrelated(people, n: int) -> None:
    """Open requests of the same country sharing a word or two with the fixture's."""
    now = timezone.now()
    rows = []
    for i in range(n):
        title = f"Mangrove species surveys along the coast, site {i}"
        challenge = "Erosion is eating the coastline and its nurseries."
        rows.append(
            Request(
                country=people.malawi,
                created_by=people.member,
                status=Request.Status.SUBMITTED,
                status_changed_at=now,
                title=title,
                challenge=challenge,
                touches_iplc_lands="no",
                search_text=index_text(title, challenge, people.malawi.name),
            )
        )
    Request.objects.bulk_create(rows)


def test_a_look_alike_among_many_unrelated_requests_is_found(people, monkeypatch):
    first = submitted(people, people.member, people.ngo)
    unrelated(people, 3 * duplicates.CANDIDATES)
    compared, similarity = [], duplicates.similarity

    def counted(a, b):
        compared.append(b)
        return similarity(a, b)

    monkeypatch.setattr(duplicates, "similarity", counted)
    second = submitted(people, people.focal_point, None)
    assert list(second.possible_duplicates.all()) == [first]
    # The index chose the candidates: not every open request was compared.
    assert 1 <= len(compared) <= duplicates.CANDIDATES


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite locks the whole database"
)
def test_submitting_locks_the_request_alone_not_its_country(people):
    request = request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    with CaptureQueriesContext(connection) as queries:
        request_transition(request=request, action="submit", by=people.member)
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert locks
    assert all('FOR UPDATE OF "exchange_request"' in sql for sql in locks)
