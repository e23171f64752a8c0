"""Calls in a given state, made through the services, for the tests of calls."""

import datetime as dt

from django.utils import timezone

from mutua.calls import services
from mutua.calls.models import Call

CRITERIA = [
    {"name": "Engagement in regional networks", "guidance": "", "weight": 25},
    {"name": "Biodiversity expertise", "guidance": "", "weight": 25},
    {"name": "Experience facilitating cooperation", "guidance": "", "weight": 25},
    {"name": "Capacity to manage multiple projects", "guidance": "", "weight": 25},
]


def call_fields(**overrides) -> dict:
    """Valid fields of a host-selection call open from now for thirty days."""
    now = timezone.now().replace(microsecond=0)
    fields = {
        "kind": Call.Kind.HOST,
        "title": "Host of the Eastern Africa support centre",
        "description": "Expressions of interest to host the subregional centre.",
        "opens_at": now,
        "closes_at": now + dt.timedelta(days=30),
        "scale": 10,
        "shortlist_size": 3,
        "criteria": CRITERIA,
    }
    return fields | overrides


def grant_fields(**overrides) -> dict:
    """Valid fields of a seed-grant call."""
    return call_fields(
        kind=Call.Kind.GRANT,
        title="Seed grants for matched partners",
        budget=50_000,
        currency="USD",
        grant_cap=5_000,
        approval_threshold=60,
        **overrides,
    )


def draft_call(people, *, by=None, region=None, **overrides) -> Call:
    """A draft of Eastern Africa by its coordinator, unless told otherwise."""
    return services.call_create(
        by=by or people.coordinator,
        region=region or people.eastern_africa,
        **call_fields(**overrides),
    )


def open_call(people, *, reason: str = "", **overrides) -> Call:
    call = draft_call(people, **overrides)
    return services.call_move(
        call=call, by=people.secretariat, action="open", reason=reason
    )


def past_closing(call: Call) -> Call:
    """Move an open call's times into the past, as if its closing time had come."""
    Call.objects.filter(pk=call.pk).update(
        opens_at=call.opens_at - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(minutes=1),
    )
    call.refresh_from_db()
    return call


def call_form(fields: dict, criteria: list[dict] | None = None) -> dict:
    """A call's page form as a browser posts it."""
    data = {
        name: ("on" if value is True else value)
        for name, value in fields.items()
        if name != "criteria" and value is not False and value is not None
    }
    for name in ("opens_at", "closes_at"):
        data[name] = timezone.localtime(fields[name]).strftime("%Y-%m-%dT%H:%M")
    rows = fields["criteria"] if criteria is None else criteria
    data |= {
        "criteria-TOTAL_FORMS": len(rows),
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 12,
    }
    for i, row in enumerate(rows):
        data |= {f"criteria-{i}-{key}": value for key, value in row.items()}
    return data


def call_body(**overrides) -> dict:
    fields = call_fields(**overrides)
    return {
        **fields,
        "region": "014",
        "opens_at": fields["opens_at"].isoformat(),
        "closes_at": fields["closes_at"].isoformat(),
    }
