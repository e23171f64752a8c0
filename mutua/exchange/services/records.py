"""What the writes of every record share: checks, history steps, status moves.

A *record* is a request, an offer or an opportunity.
"""

import uuid as uuid_lib
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import NotFound
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError

from ..lifecycle import CREATE
from ..lifecycle import Action
from ..models import Beneficiary
from ..models import Offer
from ..models import Opportunity
from ..models import Request
from ..models import Transition

REQUEST_M2M = ("targets", "modalities", "resources", "languages")
OFFER_M2M = (*REQUEST_M2M, "serves_regions", "serves_countries")
OPPORTUNITY_M2M = ("targets", "modalities", "languages")


def set_relations(obj, relations: dict[str, Iterable]) -> None:
    for name, values in relations.items():
        getattr(obj, name).set(list(values))


def split_relations(fields: dict, m2m_names: tuple[str, ...]) -> tuple[dict, dict]:
    scalars = {k: v for k, v in fields.items() if k not in m2m_names}
    relations = {k: v for k, v in fields.items() if k in m2m_names}
    return scalars, relations


def beneficiary_errors(values) -> dict[str, list[str]]:
    unknown = [b for b in values if b not in Beneficiary.values]
    if not isinstance(values, list) or unknown:
        return {
            "beneficiaries": [
                _("Unknown beneficiaries: %(codes)s.") % {"codes": unknown}
            ]
        }
    return {}


def full_clean_with(record, errors: dict[str, list[str]], **kwargs) -> None:
    """Run the model's checks and raise every error at once, the caller's with them."""
    try:
        record.full_clean(**kwargs)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def history_step(
    obj, action: str, from_status: str, by: User | None, reason: str = ""
) -> Transition:
    """The history row of a move, not yet saved: `obj` may not be saved either."""
    now = timezone.now()
    kind = {Request: "request", Offer: "offer", Opportunity: "opportunity"}[type(obj)]
    obj.status_changed_at = now
    return Transition(
        **{kind: obj},
        action=action,
        from_status=from_status,
        to_status=obj.status,
        by=by if by and by.is_authenticated else None,
        at=now,
        reason=reason,
    )


def record_step(
    obj, action: str, from_status: str, by: User | None, reason: str = ""
) -> Transition:
    step = history_step(obj, action, from_status, by, reason)
    step.save()
    return step


@dataclass
class Prepared:
    """A record checked by its service's rules but not written yet.

    `relations` and `steps` (its history rows) are written with it. `created` is
    False for the record that already stood under the given uuid: nothing is
    written for it.
    """

    record: Request | Offer | Opportunity
    created: bool = True
    relations: dict[str, list] = field(default_factory=dict)
    steps: list[Transition] = field(default_factory=list)


def already_created(model, uuid: uuid_lib.UUID | None, by: User) -> Prepared | None:
    """The record a client sends again under the `uuid` it gave it, to write no
    more; None for a `uuid` no record has.

    A client id taken by someone else's record answers 404 and says nothing of
    that record, not even that it exists, be it a hidden draft.
    """
    existing = model.objects.filter(uuid=uuid).first() if uuid else None
    if existing is None:
        return None
    if existing.created_by_id != by.pk:
        raise NotFound({"uuid": _("No record of yours has this id.")})
    return Prepared(existing, created=False)


def prepare_new(
    model,
    *,
    by: User,
    uuid: uuid_lib.UUID | None,
    fields: dict,
    m2m_names: tuple[str, ...],
    validate: Callable[[Any], None],
    **known,
) -> Prepared:
    """A new record of `model` from the fields a service was given and those it
    `known`s, checked by `validate`, with the first step of its history."""
    scalars, relations = split_relations(fields, m2m_names)
    record = model(
        created_by=by, **known, **scalars, **({"uuid": uuid} if uuid else {})
    )
    validate(record)
    record.search_text = record.build_search_text()
    return Prepared(
        record, relations=relations, steps=[history_step(record, CREATE, "", by)]
    )


def save_edits(
    record,
    fields: dict,
    *,
    m2m_names: tuple[str, ...],
    validate: Callable[[Any], None],
) -> None:
    """Set the fields given on a stored record, check it whole with `validate`,
    and write those fields only, with its search text."""
    scalars, relations = split_relations(fields, m2m_names)
    for name, value in scalars.items():
        setattr(record, name, value)
    validate(record)
    record.search_text = record.build_search_text()
    record.save(update_fields=[*scalars, "search_text", "updated_at"])
    set_relations(record, relations)


def save_prepared(prepared: Prepared) -> None:
    prepared.record.save()
    set_relations(prepared.record, prepared.relations)
    for step in prepared.steps:
        step.save()


def move_status(
    obj, actions: dict[str, Action], name: str, by: User | None, reason: str
) -> str:
    action = actions.get(name)
    if action is None:
        raise ValidationError(
            {"action": _("Unknown action: %(action)s.") % {"action": name}}
        )
    if obj.status not in action.sources:
        raise TransitionError(
            {
                "action": _("Cannot %(action)s what is %(status)s.")
                % {
                    "action": action.verb,
                    "status": obj.get_status_display().lower(),
                }
            }
        )
    reason = (reason or "").strip()
    if action.needs_reason and not reason:
        raise ValidationError(
            {"reason": _("Give a reason to %(action)s.") % {"action": action.verb}}
        )
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    from_status = obj.status
    obj.status = action.target
    return from_status
