"""Writes of cooperation: partnerships, their participants, activities and results."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Model
from django.db.models import ProtectedError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mutua.core import edits
from mutua.core.currencies import CODES
from mutua.core.errors import Conflict
from mutua.directory import access as directory

from . import access
from . import selectors
from .models import Activity
from .models import Attendance
from .models import ExchangeRate
from .models import FundingFlow
from .models import Participant
from .models import Partnership
from .models import Policy
from .models import Publication
from .models import Technology

KINDS: dict[str, type[Model]] = {
    "activity": Activity,
    "technology": Technology,
    "publication": Publication,
    "policy": Policy,
    "funding": FundingFlow,
}
MANY = {
    Activity: ("languages", "target_groups"),
    Technology: ("co_creators",),
    Publication: ("authors",),
}
# Fields naming participants, which must be the partnership's own.
OF_PARTICIPANTS = {"co_creators", "authors", "funder"}
CENT = Decimal("0.01")


def _refuse_unless_editor(by: User, partnership: Partnership) -> None:
    if not access.may_edit(by, partnership):
        raise PermissionDenied(
            _(
                "Only the partnership's participants, the coordinators of their "
                "regions and the secretariat may change it."
            )
        )


def derive(partnership: Partnership) -> Partnership:
    """Store what the participants decide: cooperation type, country, coordination."""
    derived = partnership.derived()
    for name, value in derived.items():
        setattr(partnership, name, value)
    partnership.save(update_fields=[*derived, "updated_at"])
    return partnership


def _participant(partnership: Partnership, fields: dict) -> Participant:
    participant = Participant(partnership=partnership, **fields)
    participant.full_clean(exclude=["partnership"])
    if participant.organization is None and participant.country is None:
        raise ValidationError(
            {"participants": _("Each participant needs an organization or a country.")}
        )
    return participant


@transaction.atomic
def partnership_create(
    *,
    by: User | None,
    participants: list[dict],
    targets=(),
    origin: str = Partnership.Origin.DIRECT,
    **fields,
) -> Partnership:
    """Record a partnership with its participants.

    Entered directly, whoever enters it must take part in it (or coordinate the
    region of one who does, or be the secretariat), so they can keep it up to date.
    """
    partnership = Partnership(origin=origin, **fields)
    partnership.full_clean(exclude=["targets"])
    members = [_participant(partnership, p) for p in participants]
    roles = {p.role for p in members}
    if Participant.Role.BENEFICIARY not in roles or len(members) < 2:
        raise ValidationError(
            {
                "participants": _(
                    "A partnership needs a beneficiary and at least one other "
                    "participant."
                )
            }
        )
    if origin == Partnership.Origin.DIRECT and not access.may_edit_with(by, members):
        raise PermissionDenied(
            _(
                "Add your organization or your country among the participants: "
                "only they may keep a partnership up to date."
            )
        )
    partnership.save()
    for member in members:
        member.partnership = partnership
    Participant.objects.bulk_create(members)
    partnership.targets.set(targets)
    return derive(partnership)


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    by: User,
    targets=None,
    seen: dict | None = None,
    **fields,
) -> Partnership:
    """Change the fields given, and only those, on the partnership as stored now;
    a field changed since the client read it (`seen`) is refused."""
    partnership = edits.locked(partnership)
    _refuse_unless_editor(by, partnership)
    sent = fields if targets is None else {**fields, "targets": targets}
    edits.refuse_stale(partnership, sent, seen)
    for name, value in fields.items():
        setattr(partnership, name, value)
    partnership.full_clean(exclude=["targets"])
    partnership.save(update_fields=[*fields, "updated_at"])
    if targets is not None:
        partnership.targets.set(targets)
    return partnership


@transaction.atomic
def participant_add(*, partnership: Partnership, by: User, **fields) -> Participant:
    _refuse_unless_editor(by, partnership)
    participant = _participant(partnership, fields)
    participant.save()
    derive(partnership)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, by: User) -> None:
    partnership = participant.partnership
    _refuse_unless_editor(by, partnership)
    if partnership.participants.count() <= 2:
        raise ValidationError(
            {"participants": _("A partnership keeps at least two participants.")}
        )
    try:
        participant.delete()
    except ProtectedError as error:
        raise ValidationError(
            {
                "participants": _(
                    "This participant funded the partnership: remove "
                    "its funding flows first."
                )
            }
        ) from error
    derive(partnership)


def funding_convert(flow: FundingFlow) -> None:
    """Set a flow's reporting amount at the stored rate in force on its day."""
    flow.currency = (flow.currency or "").upper()
    if flow.currency not in CODES:
        return  # `full_clean()` names the field
    if flow.currency == settings.REPORTING_CURRENCY:
        flow.rate, flow.reporting_amount = None, flow.amount
        return
    rate = selectors.rate_for(flow.currency, flow.dated) if flow.dated else None
    if rate is None:
        raise ValidationError(
            {
                "currency": _(
                    "No exchange rate for %(currency)s on %(date)s is stored; the "
                    "secretariat adds rates."
                )
                % {"currency": flow.currency, "date": date_format(flow.dated)}
            }
        )
    flow.rate = rate
    flow.reporting_amount = (flow.amount / rate.per_reporting_unit).quantize(
        CENT, ROUND_HALF_UP
    )


def _check_participants(record: Model, relations: dict) -> None:
    partnership_id = record.partnership_id
    single = {"funder": [getattr(record, "funder", None)]}
    for name in OF_PARTICIPANTS:
        chosen = relations.get(name, single.get(name, []))
        strangers = [
            p for p in chosen if p is not None and p.partnership_id != partnership_id
        ]
        if strangers:
            raise ValidationError(
                {name: _("Choose among this partnership's participants.")}
            )


def _prepare(record: Model, relations: dict) -> None:
    if isinstance(record, Activity) and record.lead_organization_id:
        record.lead_country = record.lead_country or record.lead_organization.country
    if isinstance(record, FundingFlow) and record.amount is not None:
        funding_convert(record)
    record.full_clean(exclude=[*MANY.get(type(record), ()), "rate", "reporting_amount"])
    _check_participants(record, relations)


def _save(record: Model, fields: dict) -> Model:
    names = MANY.get(type(record), ())
    relations = {k: list(v) for k, v in fields.items() if k in names}
    for name, value in fields.items():
        if name not in names:
            setattr(record, name, value)
    _prepare(record, relations)
    record.save()
    for name, values in relations.items():
        getattr(record, name).set(values)
    return record


@transaction.atomic
def record_add(*, partnership: Partnership, by: User, kind: str, **fields) -> Model:
    """Add an activity or a result (technology, publication, policy, funding)."""
    _refuse_unless_editor(by, partnership)
    record = KINDS[kind](partnership=partnership)
    if isinstance(record, Activity):
        record.recorded_by = by
    return _save(record, fields)


@transaction.atomic
def activity_report(
    *,
    partnership: Partnership,
    by: User,
    uuid,
    attendance: list[dict],
    attendance_reason: str = "",
    **fields,
) -> tuple[Activity, bool]:
    """Record an activity and who took part, once however often a phone sends it
    with its uuid: sent again, it finds the first activity, unchanged, and says
    it was not new. A uuid of someone else's activity or partnership is refused."""
    _refuse_unless_editor(by, partnership)
    found = Activity.objects.filter(uuid=uuid).first()
    if found is None:
        try:
            with transaction.atomic():
                activity = record_add(
                    partnership=partnership, by=by, kind="activity", uuid=uuid, **fields
                )
                attendance_set(
                    activity=activity, by=by, rows=attendance, reason=attendance_reason
                )
            return activity, True
        except IntegrityError:
            # The same report, sent at the same moment, was recorded first.
            found = Activity.objects.filter(uuid=uuid).first()
            if found is None:
                raise
    if found.partnership_id != partnership.pk or found.recorded_by_id != by.pk:
        raise Conflict(
            {"uuid": _("This uuid names an activity that is not yours to send again.")}
        )
    return found, False


@transaction.atomic
def record_update(*, record: Model, by: User, **fields) -> Model:
    _refuse_unless_editor(by, record.partnership)
    return _save(record, fields)


@transaction.atomic
def record_delete(*, record: Model, by: User) -> None:
    _refuse_unless_editor(by, record.partnership)
    record.delete()


@transaction.atomic
def attendance_set(
    *, activity: Activity, by: User, rows: list[dict], reason: str = ""
) -> None:
    """Replace who took part in an activity, by stakeholder type, role and gender.

    More people taking part than the activity reached is usually a typing slip,
    so it is refused unless the editor says why (say, the reach counts only one
    of several sessions); the reason is kept with the activity.
    """
    _refuse_unless_editor(by, activity.partnership)
    made = [Attendance(activity=activity, **row) for row in rows if row.get("count")]
    seen = set()
    for row in made:
        row.full_clean(exclude=["activity"], validate_unique=False)
        group = (row.stakeholder_type, row.role, row.gender)
        if group in seen:
            raise ValidationError(
                {"attendance": _("Each type, role and gender is counted once.")}
            )
        seen.add(group)
    total, reason = sum(row.count for row in made), reason.strip()
    if total > activity.people_reached and not reason:
        raise ValidationError(
            {
                "attendance": _(
                    "%(total)s people took part but the activity reached "
                    "%(reached)s: correct the numbers, or confirm them and say why."
                )
                % {"total": total, "reached": activity.people_reached}
            }
        )
    activity.attendance_reason = reason if total > activity.people_reached else ""
    activity.full_clean(exclude=MANY[Activity])
    activity.save(update_fields=["attendance_reason"])
    activity.attendance.all().delete()
    Attendance.objects.bulk_create(made)


def _refuse_unless_secretariat(by: User) -> None:
    if not directory.is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat may store exchange rates."))


@transaction.atomic
def exchange_rate_set(*, by: User, **fields) -> ExchangeRate:
    """The secretariat stores a rate; flows already converted keep theirs."""
    _refuse_unless_secretariat(by)
    rate = ExchangeRate(**fields)
    rate.currency = rate.currency.upper()
    rate.full_clean()
    rate.save()
    return rate


@transaction.atomic
def exchange_rate_update(*, rate: ExchangeRate, by: User, **fields) -> ExchangeRate:
    """The secretariat corrects a rate; the flows converted at it are converted again.

    Each such flow takes the rate in force on its day after the correction (this
    one, or another if the currency or date changed); a correction that leaves a
    flow without any rate is refused, and nothing changes.
    """
    _refuse_unless_secretariat(by)
    flows = list(selectors.flows_converted_at(rate).select_for_update())
    for name, value in fields.items():
        setattr(rate, name, value)
    rate.currency = rate.currency.upper()
    rate.full_clean()
    rate.save()
    for flow in flows:
        try:
            funding_convert(flow)
        except ValidationError as error:
            raise ValidationError(
                _(
                    "“%(flow)s”, received on %(date)s, was converted at this rate "
                    "and would have none in force: keep the currency and an earlier "
                    "date, or store the rate it needs first."
                )
                % {"flow": flow.title, "date": flow.dated}
            ) from error
        flow.save(update_fields=["rate", "reporting_amount"])
    return rate


@transaction.atomic
def exchange_rate_delete(*, rate: ExchangeRate, by: User) -> None:
    """Delete a rate entered by mistake, unless flows were converted at it.

    Those flows' amounts in the reporting currency rest on it: correct the rate
    instead, and they are converted again.
    """
    _refuse_unless_secretariat(by)
    if selectors.flows_converted_at(rate).exists():
        raise ValidationError(
            _(
                "Funding flows were converted at this rate: correct it instead, "
                "and they are converted again."
            )
        )
    rate.delete()
