"""Writes of the selection and its follow-up (¶47 a v–viii).

Those who run the call select a shortlisted application with a justification;
its organization is told and accepts within one month, or declines; the host
agreement is signed within three months of the selection. Reminders go out
before each deadline, and a selection not accepted in time lapses, so that the
next on the shortlist can be selected.
"""

import calendar
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.core.text import written
from mutua.directory import services as directory
from mutua.directory.models import Organization
from mutua.directory.models import RoleAssignment

from .. import access
from ..models import Application
from ..models import Call
from ..models import Outcome
from ..models import Pledge
from ..models import Selection
from .calls import record_step
from .documents import store

ACCEPT_WITHIN_MONTHS = 1  # ¶47 a vi
SIGN_WITHIN_MONTHS = 3  # ¶47 a viii
REMIND_DAYS_BEFORE = 7
# A selection that still holds its scope: another needs it declined or lapsed.
HOLDING = (
    Selection.Status.AWAITING,
    Selection.Status.ACCEPTED,
    Selection.Status.SIGNED,
)


def _locked(selection: Selection) -> Selection:
    """The selection as stored, locked: a caller's copy may be out of date."""
    return (
        Selection.objects.select_for_update(of=("self",))
        .select_related("application__organization", "application__region", "call")
        .get(pk=selection.pk)
    )


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it has none."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def selection_make(
    *,
    application: Application,
    by: User,
    justification: str,
    consulted_input: str = "",
) -> Selection:
    """Select a shortlisted application; the call becomes selected."""
    call = Call.objects.select_for_update().get(pk=application.call_id)
    application = Application.objects.select_related("organization", "region").get(
        pk=application.pk
    )
    if not access.may_run_call(by, call):
        raise PermissionDenied(_("Only those who run this call select."))
    if call.kind == Call.Kind.GRANT:
        raise TransitionError(
            _("A seed-grant call funds by its ranking, not by a selection.")
        )
    if call.status not in (Call.Status.SHORTLISTED, Call.Status.SELECTED):
        raise TransitionError(_("The call selects once its shortlist is published."))
    if application.outcome != Outcome.SHORTLISTED:
        raise ValidationError({"application": _("Select from the shortlist.")})
    holding = Selection.objects.filter(
        call=call, application__region=application.region, status__in=HOLDING
    ).first()
    if holding is not None:
        raise ValidationError(
            {
                "application": _(
                    "%(organization)s is selected for this scope; another may be "
                    "selected if it declines or lets its month pass."
                )
                % {"organization": holding.application.organization.name}
            }
        )
    if hasattr(application, "selection"):
        raise ValidationError({"application": _("It was selected once already.")})
    today = timezone.localdate()
    selection = Selection(
        call=call,
        application=application,
        justification=written(
            justification, field="justification", most=5000, if_empty=_("Write it out.")
        ),
        consulted_input=written(consulted_input, field="consulted_input", most=5000),
        selected_by=by,
        acceptance_due=months_later(today, ACCEPT_WITHIN_MONTHS),
        agreement_due=months_later(today, SIGN_WITHIN_MONTHS),
    )
    selection.full_clean()
    selection.save()
    if call.status == Call.Status.SHORTLISTED:
        record_step(call, action="select", to=Call.Status.SELECTED, by=by)
    transaction.on_commit(lambda: _tell(selection, _("You are selected")))
    return selection


def _members(selection: Selection) -> list[str]:
    organization = selection.application.organization
    return sorted(
        {u.email for u in organization.members.filter(is_active=True) if u.email}
    )


def _tell(selection: Selection, subject: str) -> None:
    """E-mail the selected organization's members the next step and its date."""
    url = settings.SITE_URL + selection.get_absolute_url()
    send_mail(
        subject=f"{subject}: {selection.call.title}",
        message=(
            f"{selection.application.organization.name} — {selection.call.title}\n"
            f"Accept by {selection.acceptance_due:%Y-%m-%d}; host agreement by "
            f"{selection.agreement_due:%Y-%m-%d}.\n{url}\n"
        ),
        from_email=None,
        recipient_list=_members(selection),
    )


@transaction.atomic
def selection_answer(
    *, selection: Selection, by: User, accept: bool, reason: str = ""
) -> Selection:
    """The selected organization accepts, within its month, or declines."""
    selection = _locked(selection)
    if not access.owns_application(by, selection.application):
        raise PermissionDenied(_("Only the selected organization answers."))
    if selection.status != Selection.Status.AWAITING:
        raise TransitionError(_("This selection is answered already."))
    if timezone.localdate() > selection.acceptance_due:
        raise TransitionError(_("The month to accept has passed."))
    if accept:
        selection.status = Selection.Status.ACCEPTED
    else:
        selection.decline_reason = written(
            reason, field="reason", most=5000, if_empty=_("Write it out.")
        )
        selection.status = Selection.Status.DECLINED
    selection.answered_at = timezone.now()
    selection.save()
    return selection


@transaction.atomic
def agreement_record(
    *, selection: Selection, by: User, signed_on: dt.date, upload: UploadedFile | None
) -> Selection:
    """Keep the signed host agreement; the host becomes its region's centre."""
    selection = _locked(selection)
    if not access.may_run_call(by, selection.call):
        raise PermissionDenied(_("Only those who run this call record its agreements."))
    if selection.status != Selection.Status.ACCEPTED:
        raise TransitionError(
            _("An agreement is signed once the selection is accepted.")
        )
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError(
            {"signed_on": _("Give the day it was signed, not later than today.")}
        )
    selection.agreement = store(selection.call, selection.application, upload, by)
    selection.agreement_signed_on = signed_on
    selection.status = Selection.Status.SIGNED
    selection.save()
    region = selection.application.region
    if selection.call.kind == Call.Kind.HOST and region is not None:
        directory.region_centre_set(
            region=region, organization=selection.application.organization, by=by
        )
    return selection


@transaction.atomic
def pledge_add(
    *,
    selection: Selection,
    by: User,
    donor: Organization,
    amount: Decimal | None,
    currency: str,
    note: str = "",
) -> Pledge:
    """Link a donor to the selected host with what it pledges."""
    selection = _locked(selection)
    if not access.may_run_call(by, selection.call):
        raise PermissionDenied(_("Only those who run this call record pledges."))
    if selection.status not in (Selection.Status.ACCEPTED, Selection.Status.SIGNED):
        raise TransitionError(_("Pledges go to a host that has accepted."))
    pledge = Pledge(
        selection=selection,
        donor=donor,
        amount=amount,
        currency=currency or "",
        note=written(note, field="note", most=5000),
        recorded_by=by,
    )
    if (amount is None) != (not pledge.currency):
        raise ValidationError({"currency": _("Give the amount with its currency.")})
    pledge.full_clean()
    pledge.save()
    return pledge


@transaction.atomic
def coordinator_appoint(
    *, selection: Selection, by: User, member: User
) -> RoleAssignment:
    """Make a member of the selected host a coordinator of the region it serves."""
    selection = _locked(selection)
    application = selection.application
    if application.region is None:
        raise ValidationError({"member": _("This selection serves no one region.")})
    if selection.status not in (Selection.Status.ACCEPTED, Selection.Status.SIGNED):
        raise TransitionError(_("Coordinators come from a host that has accepted."))
    if not application.organization.members.filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Choose a member of the host.")})
    return directory.role_grant(
        user=member,
        role=RoleAssignment.Role.COORDINATOR,
        region=application.region,
        by=by,
    )


def selections_follow_up(today: dt.date | None = None) -> dict[str, int]:
    """Remind the hosts of deadlines a week away, and lapse the acceptances past
    theirs: run daily (`mutua follow-up-selections`). Safe to run twice."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    counts = {"reminded": 0, "lapsed": 0}
    awaiting = Selection.objects.filter(status=Selection.Status.AWAITING)
    for selection in awaiting.filter(acceptance_due__lt=today):
        selection.status = Selection.Status.LAPSED
        selection.save(update_fields=["status", "updated_at"])
        counts["lapsed"] += 1
    due = (
        (awaiting.filter(acceptance_due__lte=soon), "acceptance_reminded_at"),
        (
            Selection.objects.filter(
                status=Selection.Status.ACCEPTED, agreement_due__lte=soon
            ),
            "agreement_reminded_at",
        ),
    )
    for selections, mark in due:
        for selection in selections.filter(**{f"{mark}__isnull": True}).select_related(
            "call", "application__organization"
        ):
            _tell(selection, _("A deadline is near"))
            setattr(selection, mark, timezone.now())
            selection.save(update_fields=[mark, "updated_at"])
            counts["reminded"] += 1
    return counts
