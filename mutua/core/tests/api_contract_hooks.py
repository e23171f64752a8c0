"""Rules between fields that no JSON Schema can state, told to Schemathesis.

Each is said in the API description, and answered 422 with the field named; a
generated request that breaks one is not sent as if it were valid.
"""

import datetime as dt
from typing import Any

import schemathesis

# An end before its start is refused (`core.models.date_errors`).
PERIODS = [
    ("start_date", "end_date"),
    ("valid_from", "valid_until"),
    ("started_on", "ended_on"),
]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _counted(attendance: list) -> int:
    return sum(
        row["count"]
        for row in attendance
        if isinstance(row, dict) and isinstance(row.get("count"), int)
    )


def breaks_a_rule(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    for start, end in PERIODS:
        begun, ended = _date(body.get(start)), _date(body.get(end))
        if begun and ended and ended < begun:
            return True
    # A renewal runs to a day after today (a day's margin for time zones).
    renewed_to = _date(body.get("valid_until"))
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if body.get("action") == "renew" and renewed_to and renewed_to <= tomorrow:
        return True
    # More people in the attendance than the activity reached needs a reason.
    attendance, reached = body.get("attendance"), body.get("people_reached", 0)
    return (
        isinstance(attendance, list)
        and isinstance(reached, int)
        and not body.get("attendance_reason")
        and _counted(attendance) > reached
    )


@schemathesis.hook
def filter_case(context, case) -> bool:
    return not breaks_a_rule(case.body)
