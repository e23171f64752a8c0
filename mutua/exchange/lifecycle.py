"""The lifecycles of requests, offers and opportunities, as data.

Each action is defined once, whole: the statuses it may start from and the one
it leads to, who may take it (a rule of `access.ACTION_RULES`), and its words:
its button, its verb in a refusal, and how a history reads it. What else
happens is in `services/`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.utils.translation import pgettext_lazy

from .models import Offer
from .models import Request

R = Request.Status
O = Offer.Status  # noqa: E741 — opportunities share the offer lifecycle


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[str]
    target: str
    who: str  # a key of access.ACTION_RULES
    label: Promise | str  # its button; none for the system's actions
    verb: Promise  # "You may not %(action)s this request."
    step: Promise  # how a history reads it
    needs_reason: bool = False


def _action(
    name, sources, target, who, *, label, verb, step, needs_reason=False
) -> Action:
    return Action(
        name, frozenset(sources), target, who, label, verb, step, needs_reason
    )


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
        _action(
            "submit",
            {R.DRAFT, R.CLARIFICATION},
            R.SUBMITTED,
            "owner",
            label=_("Submit"),
            verb=pgettext_lazy("lifecycle verb", "submit"),
            step=pgettext_lazy("history step", "Submitted"),
        ),
        _action(
            "endorse",
            {R.SUBMITTED},
            R.UNDER_REVIEW,
            "focal_point",
            label=_("Endorse"),
            verb=pgettext_lazy("lifecycle verb", "endorse"),
            step=pgettext_lazy("history step", "Endorsed"),
        ),
        # The focal point's ways back: to the organization, to change and
        # submit again, or no endorsement at all.
        _action(
            "send_back",
            {R.SUBMITTED},
            R.CLARIFICATION,
            "focal_point",
            label=_("Send back to the organization"),
            verb=pgettext_lazy("lifecycle verb", "send back"),
            step=pgettext_lazy("history step", "Sent back to the organization"),
            needs_reason=True,
        ),
        _action(
            "decline",
            {R.SUBMITTED},
            R.REJECTED,
            "focal_point",
            label=_("Decline to endorse"),
            verb=pgettext_lazy("lifecycle verb", "decline"),
            step=pgettext_lazy("history step", "Endorsement declined"),
            needs_reason=True,
        ),
        _action(
            "publish",
            {R.UNDER_REVIEW},
            R.PUBLISHED,
            "reviewer",
            label=_("Publish"),
            verb=pgettext_lazy("lifecycle verb", "publish"),
            step=pgettext_lazy("history step", "Published"),
        ),
        _action(
            "clarify",
            {R.UNDER_REVIEW, R.SUBMITTED},
            R.CLARIFICATION,
            "reviewer",
            label=_("Ask for clarification"),
            verb=pgettext_lazy("lifecycle verb", "clarify"),
            step=pgettext_lazy("history step", "Clarification asked"),
            needs_reason=True,
        ),
        _action(
            "reject",
            {R.SUBMITTED, R.UNDER_REVIEW, R.CLARIFICATION},
            R.REJECTED,
            "reviewer",
            label=_("Reject"),
            verb=pgettext_lazy("lifecycle verb", "reject"),
            step=pgettext_lazy("history step", "Rejected"),
            needs_reason=True,
        ),
        _action(
            "withdraw",
            OPEN_REQUEST,
            R.WITHDRAWN,
            "owner",
            label=_("Withdraw"),
            verb=pgettext_lazy("lifecycle verb", "withdraw"),
            step=pgettext_lazy("history step", "Withdrawn"),
        ),
        _action(
            "close",
            {R.PUBLISHED, R.MATCHED},
            R.CLOSED,
            "owner_or_reviewer",
            label=_("Close without a match"),
            verb=pgettext_lazy("lifecycle verb", "close"),
            step=pgettext_lazy("history step", "Closed without a match"),
            needs_reason=True,
        ),
    ]
}

# Taken by the system when both sides of a match accept it (see
# matching.services): never offered as a button.
ENTER_PARTNERSHIP = _action(
    "enter_partnership",
    {R.PUBLISHED, R.MATCHED},
    R.IN_PARTNERSHIP,
    "system",
    label="",
    verb=pgettext_lazy("lifecycle verb", "enter a partnership"),
    step=pgettext_lazy("history step", "Entered a partnership"),
)

LISTING_ACTIONS = {
    a.name: a
    for a in [
        _action(
            "publish",
            {O.DRAFT},
            O.PUBLISHED,
            "provider",
            label=_("Publish"),
            verb=pgettext_lazy("lifecycle verb", "publish"),
            step=pgettext_lazy("history step", "Published"),
        ),
        _action(
            "pause",
            {O.PUBLISHED},
            O.PAUSED,
            "provider",
            label=_("Pause"),
            verb=pgettext_lazy("lifecycle verb", "pause"),
            step=pgettext_lazy("history step", "Paused"),
        ),
        _action(
            "resume",
            {O.PAUSED},
            O.PUBLISHED,
            "provider",
            label=_("Resume"),
            verb=pgettext_lazy("lifecycle verb", "resume"),
            step=pgettext_lazy("history step", "Resumed"),
        ),
        _action(
            "renew",
            {O.PUBLISHED, O.PAUSED, O.EXPIRED},
            O.PUBLISHED,
            "provider",
            label=_("Renew"),
            verb=pgettext_lazy("lifecycle verb", "renew"),
            step=pgettext_lazy("history step", "Renewed"),
        ),
        _action(
            "withdraw",
            {O.DRAFT, O.PUBLISHED, O.PAUSED, O.EXPIRED},
            O.WITHDRAWN,
            "provider",
            label=_("Withdraw"),
            verb=pgettext_lazy("lifecycle verb", "withdraw"),
            step=pgettext_lazy("history step", "Withdrawn"),
        ),
        # Taken by the system when a listing's time is up.
        _action(
            "expire",
            {O.PUBLISHED, O.PAUSED},
            O.EXPIRED,
            "system",
            label="",
            verb=pgettext_lazy("lifecycle verb", "expire"),
            step=pgettext_lazy("history step", "Expired"),
        ),
    ]
}

# Steps a history records besides the actions above.
CREATE = "create"
FROM_HELPDESK = "from_helpdesk"
HISTORY_STEPS = frozenset(
    {CREATE, FROM_HELPDESK, ENTER_PARTNERSHIP.name, *REQUEST_ACTIONS, *LISTING_ACTIONS}
)

# Steps a history records that are no action, and how a history reads them.
OTHER_STEPS = {
    CREATE: pgettext_lazy("history step", "Created"),
    FROM_HELPDESK: pgettext_lazy("history step", "Made from a helpdesk question"),
}
STEP_LABELS = {
    **OTHER_STEPS,
    **{a.name: a.step for a in [ENTER_PARTNERSHIP, *LISTING_ACTIONS.values()]},
    **{a.name: a.step for a in REQUEST_ACTIONS.values()},
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


def verb_of(actions: dict[str, Action], name: str) -> str:
    """An action's verb, or its name as sent when there is no such action."""
    found = actions.get(name)
    return found.verb if found else name


def actions_from(actions: dict[str, Action], status: str) -> list[Action]:
    return [a for a in actions.values() if status in a.sources]
