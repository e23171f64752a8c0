"""My work: my records and the queues I work on."""

import pytest

from mutua.testing.builders import draft
from mutua.testing.builders import offer
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def test_my_work_lists_my_records_and_my_queues(client, people):
    draft(people, title="My draft need")
    offer(people, title="Not my offer")
    client.force_login(people.member)
    body = text(client.get("/me/"))
    assert "My draft need" in body and "Draft" in body
    assert "Not my offer" not in body
    assert "/review/" not in body and "/endorse/" not in body
    client.force_login(people.coordinator)
    assert 'href="/review/"' in text(client.get("/me/"))
    client.force_login(people.focal_point)
    body = text(client.get("/me/"))
    assert 'href="/endorse/"' in body and "My draft need" in body
