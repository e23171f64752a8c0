"""The demo's calls: the 2023 host selection with the 18 real hosts, the ACB's
reported 89/100 kept, made-up applicants to make 42, built once."""

import csv

import pytest

from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import Selection
from mutua.demo.calls import HOSTS
from mutua.demo.calls import calls_demo_create
from mutua.directory.models import Organization
from mutua.directory.models import Region

pytestmark = pytest.mark.django_db


def test_the_host_selection_is_the_real_round_with_its_reported_score(people):
    created = calls_demo_create(seed=1, secretariat=people.secretariat)
    assert created["calls"] == 2
    call = Call.objects.get(kind=Call.Kind.HOST)
    assert call.status == Call.Status.COMPLETED
    assert call.applications.count() == 42
    with HOSTS.open(encoding="utf-8") as file:
        real = {
            (row["host_name"], row["region_at_sbi4"]) for row in csv.DictReader(file)
        }
    selected = Selection.objects.filter(call=call).select_related(
        "application__organization", "application__region"
    )
    assert {
        (s.application.organization.name, s.application.region.name) for s in selected
    } == real
    assert all(s.application.outcome == "shortlisted" for s in selected)
    acb = Application.objects.get(
        call=call, organization__name="ASEAN Centre for Biodiversity"
    )
    assert (acb.total, acb.rank) == (89.0, 1)
    made_up = Organization.objects.filter(applications__call=call).exclude(
        type=Organization.Type.REGIONAL_CENTRE
    )
    assert made_up.count() == 24 and all("(demo)" in o.name for o in made_up)
    assert Region.objects.get(code="142").centre.name == "ASEAN Centre for Biodiversity"
    assert calls_demo_create(seed=1, secretariat=people.secretariat) == {}
