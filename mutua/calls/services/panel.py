"""Writes of the panel (¶47 a iii): inviting its members, their declarations of
conflicts of interest, their score sheets, and closing the assessment."""

from django.contrib.auth.models import User
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.core.text import written

from .. import access
from ..models import Application
from ..models import Call
from ..models import Declaration
from ..models import PanelMember
from ..models import Score
from ..models import ScoreSheet

# The statuses in which a panel may still change: not once the call has chosen.
PANEL_OPEN = (
    Call.Status.DRAFT,
    Call.Status.OPEN,
    Call.Status.CLOSED,
    Call.Status.ASSESSMENT,
)


def _runs(call: Call, by: User) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not access.may_run_call(by, call):
        raise PermissionDenied(_("Only those who run this call manage its panel."))
    return call


@transaction.atomic
def panel_invite(*, call: Call, by: User, member: User | None) -> PanelMember:
    """Seat an advisory-group member on the call's panel."""
    call = _runs(call, by)
    if member is None or not member.is_active:
        raise ValidationError({"member": _("No active account has this name.")})
    if call.status not in PANEL_OPEN:
        raise TransitionError(_("The call has chosen: its panel is closed."))
    if call.panel.filter(user=member).exists():
        raise Conflict({"member": _("This person sits on the panel already.")})
    return PanelMember.objects.create(call=call, user=member, invited_by=by)


@transaction.atomic
def panel_remove(*, seat: PanelMember, by: User) -> None:
    """Take a member off the panel; its declarations and sheets stay on record."""
    call = _runs(seat.call, by)
    if call.assessment_closed_at is not None:
        raise TransitionError(_("The assessment is closed: the panel stays as it was."))
    seat.delete()


@transaction.atomic
def declare(
    *, application: Application, by: User, conflict: bool, note: str = ""
) -> Declaration:
    """Declare a conflict of interest with the application, or none; once."""
    application = Application.objects.select_related(
        "call__region__parent__parent"
    ).get(pk=application.pk)
    if not access.may_declare(by, application):
        raise PermissionDenied(
            _("Only the call's panel declares, while the call is under assessment.")
        )
    note = written(
        note,
        field="note",
        most=2000,
        if_empty=_("Say what the conflict is.") if conflict else "",
    )
    try:
        with transaction.atomic():
            return Declaration.objects.create(
                application=application, assessor=by, conflict=conflict, note=note
            )
    except IntegrityError:
        raise Conflict(
            {"conflict": _("You have declared on this application already.")}
        ) from None


def _scores(
    application: Application, scores: dict[int, tuple[int | None, str]], submit: bool
) -> list[Score]:
    """The sheet's scores by criterion, each on the call's scale; all of them,
    each with a comment, to submit."""
    call = application.call
    criteria = {c.position: c for c in call.criteria.all()}
    errors, rows = {}, []
    for position, criterion in criteria.items():
        value, comment = scores.get(position, (None, ""))
        field = f"score_{position}"
        if value is None:
            if submit:
                errors[field] = _("Score every criterion to submit.")
            continue
        if not isinstance(value, int) or not 0 <= value <= call.scale:
            errors[field] = _("A score runs from 0 to %(scale)d.") % {
                "scale": call.scale
            }
            continue
        try:
            comment = written(
                comment,
                field=f"comment_{position}",
                most=2000,
                if_empty=_("Say why, in a comment.") if submit else "",
            )
        except ValidationError as refused:
            errors.update(refused.message_dict)
            continue
        rows.append(Score(criterion=criterion, value=value, comment=comment))
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        errors["scores"] = _("The call has no criterion %(n)s.") % {"n": unknown[0]}
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def sheet_save(
    *,
    application: Application,
    by: User,
    scores: dict[int, tuple[int | None, str]],
    submit: bool = False,
) -> ScoreSheet:
    """Save an assessor's scores of an application; `submit` makes them final,
    and shows it the others'."""
    application = Application.objects.select_related(
        "call__region__parent__parent"
    ).get(pk=application.pk)
    if not access.may_score(by, application):
        raise PermissionDenied(
            _(
                "Only a panel member who declared no conflict scores this "
                "application, while the assessment is open."
            )
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        application=application, assessor=by
    )
    if sheet.submitted_at is not None:
        raise TransitionError(_("You have submitted your scores of it already."))
    rows = _scores(application, scores, submit)
    sheet.scores.all().delete()
    for row in rows:
        row.sheet = sheet
    Score.objects.bulk_create(rows)
    sheet.submitted_at = timezone.now() if submit else None
    sheet.save()
    return sheet


@transaction.atomic
def assessment_close(*, call: Call, by: User) -> Call:
    """End the scoring: what is submitted then is what the shortlist reads."""
    call = _runs(call, by)
    if call.status != Call.Status.ASSESSMENT:
        raise TransitionError(_("The call is not under assessment."))
    if call.assessment_closed_at is not None:
        raise TransitionError(_("The assessment is closed already."))
    call.assessment_closed_at = timezone.now()
    call.save(update_fields=["assessment_closed_at", "updated_at"])
    return call
