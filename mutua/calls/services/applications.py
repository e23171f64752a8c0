"""Writes of applications: starting one, answering the criteria, submitting by
the deadline, withdrawing.

An application can change until its call closes; it is submitted only when it
answers every criterion and meets the call's eligibility, and a refusal says why.
"""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.cooperation.models import Partnership
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.directory.models import Organization
from mutua.directory.models import Region

from ..access import owns_application
from ..models import Answer
from ..models import Application
from ..models import Call

# Once the call has chosen, an application is part of the record of that choice.
WITHDRAWABLE_UNTIL = (Call.Status.SELECTED, Call.Status.COMPLETED)


def _still_open(call: Call) -> None:
    """Refuse a change after the call's closing time, saying when that was."""
    if call.accepts_applications():
        return
    if call.status == Call.Status.OPEN and timezone.now() < call.opens_at:
        when = formats.date_format(timezone.localtime(call.opens_at), "DATETIME_FORMAT")
        raise TransitionError(_("The call opens on %(when)s.") % {"when": when})
    when = formats.date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
    raise TransitionError(
        _("The call closed on %(when)s: applications can no longer change.")
        % {"when": when}
    )


def _region_errors(call: Call, region: Region | None) -> dict:
    if region is None:
        if call.kind == Call.Kind.HOST and call.region is None:
            return {"region": _("Say which region or subregion you would serve.")}
        return {}
    if call.region is None:
        return {}
    within, place = set(), region
    while place is not None:
        within.add(place.pk)
        place = place.parent
    if call.region_id not in within:
        return {
            "region": _("This call is for %(scope)s and the regions within it.")
            % {"scope": call.region.name}
        }
    return {}


def _amount_errors(call: Call, amount: Decimal | None) -> dict:
    if call.kind != Call.Kind.GRANT:
        return {"amount": _("Only seed-grant calls take an amount.")} if amount else {}
    if amount is not None and amount > call.grant_cap:
        return {
            "amount": _("This call grants at most %(cap)s %(currency)s.")
            % {"cap": formats.number_format(call.grant_cap), "currency": call.currency}
        }
    return {}


def _answers(call: Call, answers: dict[int, str]) -> list[Answer]:
    """The answers as rows, keyed by criterion position; unknown ones refused."""
    criteria = {c.position: c for c in call.criteria.all()}
    unknown = sorted(set(answers) - set(criteria))
    if unknown:
        raise ValidationError(
            {"answers": _("The call has no criterion %(n)s.") % {"n": unknown[0]}}
        )
    rows = []
    for position, text in answers.items():
        text = (text or "").strip()
        if len(text) > 5000:
            raise ValidationError(
                {"answers": _("Keep each answer under 5,000 characters.")}
            )
        if text:
            rows.append(Answer(criterion=criteria[position], text=text))
    return rows


def _save(application: Application, answers: dict[int, str] | None) -> Application:
    call = application.call
    errors = _region_errors(call, application.region) | _amount_errors(
        call, application.amount
    )
    if errors:
        raise ValidationError(errors)
    rows = _answers(call, answers) if answers is not None else None
    application.full_clean()
    application.save()
    if rows is not None:
        application.answers.all().delete()
        for row in rows:
            row.application = application
        Answer.objects.bulk_create(rows)
    return application


@transaction.atomic
def application_start(
    *,
    call: Call,
    by: User,
    organization: Organization,
    answers: dict[int, str] | None = None,
    **fields,
) -> Application:
    """Start an application of one of the user's organizations, as a draft."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    _still_open(call)
    if not directory.is_member(by, organization):
        raise ValidationError(
            {"organization": _("Apply for an organization you are a member of.")}
        )
    if (
        Application.objects.filter(call=call, organization=organization)
        .exclude(status=Application.Status.WITHDRAWN)
        .exists()
    ):
        raise ValidationError(
            {"organization": _("This organization has applied to this call already.")}
        )
    if fields.get("region") is None:
        fields["region"] = call.region
    application = Application(call=call, organization=organization, created_by=by)
    for name, value in fields.items():
        setattr(application, name, value)
    return _save(application, answers or {})


def _locked(application: Application) -> Application:
    """The application as stored, locked: a caller's copy may be out of date."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__region", "organization")
        .get(pk=application.pk)
    )


def editable_for(application: Application, by: User) -> Application:
    """The application, locked, if this user may change it now; refused otherwise."""
    application = _locked(application)
    if not owns_application(by, application):
        raise PermissionDenied(_("Only the applying organization changes this."))
    if application.status == Application.Status.WITHDRAWN:
        raise TransitionError(_("This application was withdrawn."))
    _still_open(application.call)
    return application


@transaction.atomic
def application_update(
    *,
    application: Application,
    by: User,
    answers: dict[int, str] | None = None,
    **fields,
) -> Application:
    """Change a draft or a submitted application until the call closes."""
    application = editable_for(application, by)
    for name, value in fields.items():
        setattr(application, name, value)
    return _save(application, answers)


def eligibility_errors(application: Application) -> dict:
    """Why the application cannot be submitted yet, by field; empty when it can."""
    call = application.call
    errors = {}
    answered = set(application.answers.values_list("criterion_id", flat=True))
    missing = [c.name for c in call.criteria.all() if c.pk not in answered]
    if missing:
        errors["answers"] = _("Answer every criterion: %(names)s.") % {
            "names": "; ".join(missing)
        }
    if call.kind == Call.Kind.GRANT:
        errors |= _grant_errors(call, application)
    return errors


def _grant_errors(call: Call, application: Application) -> dict:
    errors = {}
    if application.amount is None or application.amount <= 0:
        errors["amount"] = _("Say how much the grant should be.")
    partnership = application.partnership
    if partnership is None:
        if call.needs_platform_partnership or call.needs_two_countries:
            errors["partnership"] = _(
                "Name the partnership on Mutua whose partners apply together."
            )
        return errors
    participants = list(
        partnership.participants.select_related("organization__country", "country")
    )
    if application.organization_id not in {p.organization_id for p in participants}:
        errors["partnership"] = _("The applying organization takes no part in it.")
    elif (
        call.needs_platform_partnership
        and partnership.origin == Partnership.Origin.DIRECT
    ):
        errors["partnership"] = _(
            "The partners must have met through a match on Mutua; this "
            "partnership was entered directly."
        )
    elif call.needs_two_countries and len(_countries(participants)) < 2:
        errors["partnership"] = _("The partners must come from at least two countries.")
    return errors


def _countries(participants) -> set[int]:
    return {
        p.country_id or (p.organization.country_id if p.organization else None)
        for p in participants
    } - {None}


@transaction.atomic
def application_submit(*, application: Application, by: User) -> Application:
    """Submit by the deadline; later changes stay possible until the call closes."""
    application = editable_for(application, by)
    if application.status == Application.Status.SUBMITTED:
        raise TransitionError(_("This application is submitted already."))
    errors = eligibility_errors(application)
    if errors:
        raise ValidationError(errors)
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    """Withdraw, at any time before the call has chosen."""
    application = _locked(application)
    if not owns_application(by, application):
        raise PermissionDenied(_("Only the applying organization withdraws this."))
    if application.status == Application.Status.WITHDRAWN:
        raise TransitionError(_("This application was withdrawn already."))
    if application.call.status in WITHDRAWABLE_UNTIL:
        raise TransitionError(
            _("The call has chosen: the application stays on record.")
        )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    return application
