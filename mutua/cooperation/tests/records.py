"""Partnerships for tests, entered through the services as a user would."""

import datetime as dt

from mutua.cooperation import services
from mutua.cooperation.models import Partnership


def entered(people, *extra: dict, by=None, **fields) -> Partnership:
    """A Malawian NGO helped by a South African university, entered directly."""
    return services.partnership_create(
        by=by or people.member,
        title=fields.pop("title", "Wetland monitoring with drones"),
        started_on=fields.pop("started_on", dt.date(2026, 3, 1)),
        participants=[
            {"role": "beneficiary", "organization": people.ngo},
            {"role": "provider", "organization": people.university},
            *extra,
        ],
        **fields,
    )
