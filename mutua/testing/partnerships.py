"""Partnerships for the tests of their pages, API and indicators: what the pages
and the API take to record one, and partnerships with many records."""

import datetime as dt
from decimal import Decimal

from mutua.cooperation import services as cooperation
from mutua.cooperation.models import Partnership
from mutua.directory.models import Country

from .builders import entered
from .builders import training


def three_entered(people) -> list[Partnership]:
    """Three partnerships entered on the first days of 2026."""
    return [
        entered(people, title=f"Partnership {n}", started_on=dt.date(2026, 1, 1 + n))
        for n in range(3)
    ]


def busy_partnership(people, copies: int) -> Partnership:
    """A partnership of three with `copies` of every kind of record: activities with
    their attendance, technologies, publications, policies and funding."""
    germany = Country.objects.get(iso3="DEU")
    partnership = entered(people, {"role": "funder", "country": germany})
    ngo, university, funder = partnership.participants.order_by("pk")
    record = {"partnership": partnership, "by": people.member}
    for n in range(copies):
        activity = training(
            people, partnership, title=f"Training {n}", people_reached=5
        )
        cooperation.attendance_set(
            activity=activity,
            by=people.member,
            rows=[
                {"stakeholder_type": "iplc", "role": "local_expert", "gender": "woman"}
                | {"count": 3},
                {"stakeholder_type": "ngo", "role": "practitioner", "gender": "man"}
                | {"count": 2},
            ],
        )
        cooperation.record_add(
            **record,
            kind="technology",
            title=f"Kit {n}",
            dated=dt.date(2026, 9, 1),
            co_creators=[ngo, university],
        )
        cooperation.record_add(
            **record,
            kind="publication",
            title=f"Paper {n}",
            dated=dt.date(2026, 10, 1),
            authors=[university],
        )
        cooperation.record_add(
            **record,
            kind="policy",
            title=f"Bylaw {n}",
            dated=dt.date(2026, 8, 1),
            level="local",
            change="developed",
            stage="adopted",
        )
        cooperation.record_add(
            **record,
            kind="funding",
            title=f"Grant {n}",
            dated=dt.date(2026, 7, 1),
            amount=Decimal("100"),
            currency="USD",
            purpose="travel",
            funder=funder,
        )
    return partnership


def new_partnership(**changes) -> dict:
    """What the new partnership page posts: three participants, triangular; a
    change to None leaves its field out."""
    data = {
        "title": "Seed banks for the Shire valley",
        "status": "active",
        "started_on": "2026-02-01",
        "participants-TOTAL_FORMS": "3",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "2",
        "participants-MAX_NUM_FORMS": "1000",
        "participants-0-role": "beneficiary",
        "participants-0-organization": "Lilongwe Wetlands Trust",
        "participants-1-role": "provider",
        "participants-1-organization": "University of Cape Town (ZAF)",
        "participants-2-role": "funder",
        "participants-2-country": "DEU",
        "participants-2-name": "A German foundation",
    }
    return {k: v for k, v in {**data, **changes}.items() if v is not None}


def partnership_body(people, **overrides) -> dict:
    """What the API takes to record a triangular partnership."""
    return {
        "title": "Seed banks",
        "started_on": "2026-02-01",
        "targets": [20],
        "participants": [
            {"role": "beneficiary", "organization": str(people.ngo.uuid)},
            {"role": "provider", "organization": str(people.university.uuid)},
            {"role": "funder", "country": "DEU", "name": "A German foundation"},
        ],
        **overrides,
    }


def activity_body(**overrides) -> dict:
    """What the API takes to record an activity, with who took part."""
    return {
        "title": "Radio show",
        "modality": "awareness_raising",
        "delivery": "virtual",
        "held_on": "2026-05-05",
        "languages": ["ny"],
        "in_local_language": True,
        "target_groups": ["policymakers"],
        "people_reached": 1200,
        "attendance": [
            {
                "stakeholder_type": "government",
                "role": "policymaker",
                "gender": "woman",
                "count": 4,
            }
        ],
        **overrides,
    }
