"""The lifecycles of requests, offers and opportunities, as data.

Each action names the statuses it may start from and the one it leads to. Who
may take an action is decided in `access.py`; what else happens in `services.py`.
"""

from dataclasses import dataclass

from django.utils.translation import pgettext, pgettext_lazy

from .models import Offer, Request

R = Request.Status
O = Offer.Status  # noqa: E741 — opportunities share the offer lifecycle


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[str]
    target: str
    needs_reason: bool = False


def _action(name, sources, target, needs_reason=False) -> Action:
    return Action(name, frozenset(sources), target, needs_reason)


OPEN_REQUEST = {
    R.DRAFT,
    R.SUBMITTED,
    R.UNDER_REVIEW,
    R.CLARIFICATION,
    R.PUBLISHED,
    R.MATCHED,
}

REQUEST_ACTIONS = {
    a.name: a
    for a in [
        # A focal point's submission is endorsed at once (see services).
        _action("submit", {R.DRAFT, R.CLARIFICATION}, R.SUBMITTED),
        _action("endorse", {R.SUBMITTED}, R.UNDER_REVIEW),
        # The focal point's ways back: to the organization, to change and
        # submit again, or no endorsement at all.
        _action("send_back", {R.SUBMITTED}, R.CLARIFICATION, True),
        _action("decline", {R.SUBMITTED}, R.REJECTED, True),
        _action("publish", {R.UNDER_REVIEW}, R.PUBLISHED),
        _action("clarify", {R.UNDER_REVIEW, R.SUBMITTED}, R.CLARIFICATION, True),
        _action(
            "reject", {R.SUBMITTED, R.UNDER_REVIEW, R.CLARIFICATION}, R.REJECTED, True
        ),
        _action("withdraw", OPEN_REQUEST, R.WITHDRAWN),
        _action("close", {R.PUBLISHED, R.MATCHED}, R.CLOSED, True),
    ]
}

# Taken by the system, never offered as a button: when both sides of a match
# accept it (see matching.services).
ENTER_PARTNERSHIP = _action(
    "enter_partnership", {R.PUBLISHED, R.MATCHED}, R.IN_PARTNERSHIP
)

LISTING_ACTIONS = {
    a.name: a
    for a in [
        _action("publish", {O.DRAFT}, O.PUBLISHED),
        _action("pause", {O.PUBLISHED}, O.PAUSED),
        _action("resume", {O.PAUSED}, O.PUBLISHED),
        _action("renew", {O.PUBLISHED, O.PAUSED, O.EXPIRED}, O.PUBLISHED),
        _action("withdraw", {O.DRAFT, O.PUBLISHED, O.PAUSED, O.EXPIRED}, O.WITHDRAWN),
        _action("expire", {O.PUBLISHED, O.PAUSED}, O.EXPIRED),
    ]
}

# Steps a history records besides the actions above.
CREATE = "create"
FROM_HELPDESK = "from_helpdesk"
HISTORY_STEPS = frozenset(
    {CREATE, FROM_HELPDESK, ENTER_PARTNERSHIP.name, *REQUEST_ACTIONS, *LISTING_ACTIONS}
)

# How each step reads in a history, in the reader's language; a test checks that
# every step has one, so that no code such as `from_helpdesk` reaches a reader.
STEP_LABELS = {
    CREATE: pgettext_lazy("history step", "Created"),
    FROM_HELPDESK: pgettext_lazy("history step", "Made from a helpdesk question"),
    ENTER_PARTNERSHIP.name: pgettext_lazy("history step", "Entered a partnership"),
    "submit": pgettext_lazy("history step", "Submitted"),
    "endorse": pgettext_lazy("history step", "Endorsed"),
    "publish": pgettext_lazy("history step", "Published"),
    "clarify": pgettext_lazy("history step", "Clarification asked"),
    "send_back": pgettext_lazy("history step", "Sent back to the organization"),
    "decline": pgettext_lazy("history step", "Endorsement declined"),
    "reject": pgettext_lazy("history step", "Rejected"),
    "withdraw": pgettext_lazy("history step", "Withdrawn"),
    "close": pgettext_lazy("history step", "Closed without a match"),
    "pause": pgettext_lazy("history step", "Paused"),
    "resume": pgettext_lazy("history step", "Resumed"),
    "renew": pgettext_lazy("history step", "Renewed"),
    "expire": pgettext_lazy("history step", "Expired"),
}


def step_label(code: str) -> str:
    """A step of a history as the reader says it; never the code itself."""
    label = STEP_LABELS.get(code)
    return str(label) if label else pgettext("history step", "Status changed")


PUBLIC_REQUEST_STATUSES = frozenset(
    {R.PUBLISHED, R.MATCHED, R.IN_PARTNERSHIP, R.COMPLETED, R.CLOSED}
)
EDITABLE_REQUEST_STATUSES = frozenset({R.DRAFT, R.SUBMITTED, R.CLARIFICATION})
PUBLIC_LISTING_STATUSES = frozenset({O.PUBLISHED})


def actions_from(actions: dict[str, Action], status: str) -> list[Action]:
    return [a for a in actions.values() if status in a.sources]
