"""Edits racing each other and the lifecycle lose nothing (PostgreSQL's row locks)."""

from functools import partial

import pytest
from django.db import connection

from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.exchange.services.requests import request_update
from mutua.testing.builders import request_fields
from mutua.testing.concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's to prove"
    ),
]

TEXT_FIELDS = (
    "title challenge barriers assistance_sought national_priorities thematic_areas "
    "beneficiaries_detail other_governments existing_initiatives other_programmes "
    "objectives activities expected_outputs expected_outcomes indicators co_financing"
).split()


def _draft(people) -> Request:
    return request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )


def test_simultaneous_edits_of_different_fields_are_all_kept(people):
    request = _draft(people)

    # Each edit starts from its own copy, read before the others save.
    edits = [
        partial(
            request_update,
            request=Request.objects.get(pk=request.pk),
            by=people.member,
            **{name: f"New {name}"},
        )
        for name in TEXT_FIELDS
    ]
    assert race(*edits) == []
    request.refresh_from_db()
    assert {name: getattr(request, name) for name in TEXT_FIELDS} == {
        name: f"New {name}" for name in TEXT_FIELDS
    }


def test_an_edit_racing_the_endorsement_never_puts_the_status_back(people):
    for number in range(4):
        request = request_transition(
            request=_draft(people), action="submit", by=people.member
        )
        stale = Request.objects.get(pk=request.pk)
        errors = race(
            partial(
                request_transition,
                request=request,
                action="endorse",
                by=people.focal_point,
            ),
            partial(
                request_update,
                request=stale,
                by=people.coordinator,
                objectives=f"Round {number}",
            ),
        )
        assert errors == []
        request.refresh_from_db()
        last = request.transitions.order_by("at", "pk").last()
        assert (last.action, last.to_status) == ("endorse", request.status)
        assert request.status == Request.Status.UNDER_REVIEW
        assert request.endorsed_by == people.focal_point
        assert request.objectives == f"Round {number}"
