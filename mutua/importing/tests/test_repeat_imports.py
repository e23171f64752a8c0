"""A record met again, in a later file or twice in one: imported once, or refused
where it is not the importer's to write again."""

import uuid

import pytest

from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.testing.uploads import OFFERS
from mutua.testing.uploads import ORGANIZATIONS
from mutua.testing.uploads import counts
from mutua.testing.uploads import csv_file
from mutua.testing.uploads import run
from mutua.testing.uploads import where

pytestmark = pytest.mark.django_db


def test_importing_again_with_the_same_uuids_does_not_duplicate(people):
    ids = [str(uuid.uuid4()), str(uuid.uuid4())]
    rows = [[*OFFERS[0], "uuid"], [*OFFERS[1], ids[0]], [*OFFERS[2], ids[1]]]
    first = run(people.provider, csv_file(rows), publish=True)
    assert first.ok and first.created == 2
    before = counts()
    again = run(people.provider, csv_file(rows), publish=True)
    assert again.ok and again.created == 0 and again.existing == 2
    assert counts() == before
    assert {str(u) for u in Offer.objects.values_list("uuid", flat=True)} == set(ids)


def test_a_uuid_of_someone_elses_request_is_refused(people):
    taken = str(uuid.uuid4())
    rows = [["title", "country", "challenge", "uuid"], ["Seeds", "MWI", "Loss.", taken]]
    assert run(people.focal_point, csv_file(rows)).ok
    outcome = run(people.secretariat, csv_file(rows))
    assert where(outcome) == {(2, "uuid")}


def test_the_same_organization_twice_in_a_file_is_reported_not_written(people):
    rows = [ORGANIZATIONS[0], ORGANIZATIONS[1], ORGANIZATIONS[2], ORGANIZATIONS[1]]
    outcome = run(people.outsider, csv_file(rows))
    assert where(outcome) == {(4, "name")}
    assert "Row 2 names the same organization." in outcome.problems[0].message
    assert Organization.objects.filter(name="Nyika Highlands Trust").count() == 0


def test_the_same_uuid_twice_in_a_file_is_one_record(people):
    same = str(uuid.uuid4())
    rows = [[*OFFERS[0], "uuid"], [*OFFERS[1], same], [*OFFERS[1], same]]
    outcome = run(people.provider, csv_file(rows))
    assert outcome.ok and (outcome.created, outcome.existing) == (1, 1)
    assert Offer.objects.get().uuid == uuid.UUID(same)
