"""Writes of requests: draft, check, edit and move them along their lifecycle."""

import uuid as uuid_lib

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mutua.core import edits
from mutua.core.errors import PermissionDenied
from mutua.core.errors import Refused
from mutua.core.errors import ValidationError
from mutua.directory import access as directory
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.selectors import coordinators_of
from mutua.notifications.models import Kind
from mutua.notifications.services import notify
from mutua.notifications.texts import country_values

from .. import access
from .. import duplicates
from ..lifecycle import CREATE
from ..lifecycle import ENTER_PARTNERSHIP
from ..lifecycle import FROM_HELPDESK
from ..lifecycle import REQUEST_ACTIONS
from ..lifecycle import verb_of
from ..models import Request
from .records import REQUEST_M2M
from .records import Prepared
from .records import already_created
from .records import beneficiary_errors
from .records import full_clean_with
from .records import history_step
from .records import move_status
from .records import prepare_new
from .records import record_step
from .records import save_edits
from .records import save_prepared

# What a lifecycle move of a request may change; an edit changes none of them.
MOVED_REQUEST_FIELDS = [
    "status",
    "status_changed_at",
    "endorsed_by",
    "endorsed_at",
    "published_at",
    "updated_at",
]


def _iplc_answer_errors(request: Request, status: str) -> dict[str, list[str]]:
    """Past the draft the Akwé: Kon question has an answer, if only "not known"."""
    if status != Request.Status.DRAFT and not request.touches_iplc_lands:
        return {
            "touches_iplc_lands": [
                _(
                    "Say whether the request touches sacred sites or lands and "
                    "waters traditionally occupied by indigenous peoples and local "
                    "communities: yes, no or not known."
                )
            ]
        }
    return {}


def _check_iplc_answer(request: Request, status: str | None = None) -> None:
    errors = _iplc_answer_errors(request, status or request.status)
    if errors:
        raise ValidationError(errors)


def validate_request(request: Request) -> None:
    """The rules every stored request keeps, past the model's own: the services
    apply them on every write, the demo data is checked against them."""
    errors = beneficiary_errors(request.beneficiaries)
    errors |= _iplc_answer_errors(request, request.status)
    if request.organization and request.organization.country_id != request.country_id:
        errors["organization"] = [
            _("The organization must be of the requesting country.")
        ]
    full_clean_with(request, errors, exclude=["possible_duplicates"])


def request_prepare(
    *,
    by: User,
    submit: bool,
    country: Country,
    organization: Organization | None = None,
    uuid: uuid_lib.UUID | None = None,
    **fields,
) -> Prepared:
    """Check a new request (and, with `submit`, its submission) but write
    nothing: `request_create` writes one, `records_write` many at once.

    Only reads, so a long file is checked without holding the write lock.
    """
    if (existing := already_created(Request, uuid, by)) is not None:
        return existing
    if not access.may_create_request(by, country=country, organization=organization):
        if organization is None and access.is_member_in(by, country=country):
            # A member submits on behalf of an organization; say which input is
            # missing rather than that the country is out of reach.
            raise Refused(
                {
                    "organization": _(
                        "Name the organization you submit this request for."
                    )
                }
            )
        raise PermissionDenied(
            _(
                "Only the country's focal points and its organizations' members "
                "may submit requests for it."
            )
        )
    prepared = prepare_new(
        Request,
        by=by,
        uuid=uuid,
        fields=fields,
        m2m_names=REQUEST_M2M,
        validate=validate_request,
        country=country,
        organization=organization,
    )
    if submit:
        from_status = _request_move(prepared.record, "submit", by, "")
        prepared.steps.append(history_step(prepared.record, "submit", from_status, by))
    return prepared


@transaction.atomic
def request_create(
    *,
    by: User,
    country: Country,
    organization: Organization | None = None,
    uuid: uuid_lib.UUID | None = None,
    **fields,
) -> Request:
    """Draft a request for a country, on behalf of one of its organizations or not."""
    prepared = request_prepare(
        by=by,
        submit=False,
        country=country,
        organization=organization,
        uuid=uuid,
        **fields,
    )
    if prepared.created:
        save_prepared(prepared)
    return prepared.record


def _name_of(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile and profile.display_name) or user.get_full_name() or user.username


@transaction.atomic
def request_create_for_helpdesk(
    *,
    by: User,
    asked_by: User,
    country: Country,
    organization: Organization | None,
    title: str,
    challenge: str,
    touches_iplc_lands: str,
) -> Request:
    """A coordinator turns a helpdesk question into a submitted request.

    The person who asked is its author and its contact. Like any other
    request it waits for the endorsement of the country's focal point.
    """
    if not access.reviews_request(by, Request(country=country)):
        raise PermissionDenied(
            _("Only the country's coordinators may turn a question into a request.")
        )
    request = Request(
        country=country,
        organization=organization,
        created_by=asked_by,
        title=title,
        challenge=challenge,
        touches_iplc_lands=touches_iplc_lands,
        contact_name=_name_of(asked_by),
        contact_email=asked_by.email,
    )
    _check_iplc_answer(request, Request.Status.SUBMITTED)
    validate_request(request)
    request.search_text = request.build_search_text()
    request.save()
    record_step(request, CREATE, "", asked_by)
    request.status = Request.Status.SUBMITTED
    record_step(request, FROM_HELPDESK, Request.Status.DRAFT, by)
    request.save()
    duplicates.flag_request(request)
    return request


@transaction.atomic
def request_update(
    *, request: Request, by: User, seen: dict | None = None, **fields
) -> Request:
    """Change the fields given, and only those, on the request as stored now.

    `seen` holds the values the client read of the fields it changes: a field
    changed since is refused. An edit never changes the status.
    """
    request = edits.locked(request)
    if not access.may_edit_request(by, request):
        raise PermissionDenied(
            _("This request cannot be changed by you in its current status.")
        )
    edits.refuse_stale(request, fields, seen)
    save_edits(request, fields, m2m_names=REQUEST_M2M, validate=validate_request)
    return request


def _request_move(request: Request, action: str, by: User, reason: str) -> str:
    """Apply a lifecycle action to a request in memory; return the status it left."""
    if not access.may_act_on_request(by, request, action):
        raise PermissionDenied(
            _("You may not %(action)s this request.")
            % {"action": verb_of(REQUEST_ACTIONS, action)}
        )
    from_status = move_status(request, REQUEST_ACTIONS, action, by, reason)
    if action == "submit":
        _check_iplc_answer(request)
    now = timezone.now()
    if action == "submit" and (
        request.endorsed_at
        or directory.is_focal_point_for(by, request.country)
        or directory.is_secretariat(by)
    ):
        # A focal point's own submission needs no second endorsement.
        request.status = Request.Status.UNDER_REVIEW
        request.endorsed_by = request.endorsed_by or by
        request.endorsed_at = request.endorsed_at or now
    if action == "endorse":
        request.endorsed_by, request.endorsed_at = by, now
    if action == "publish":
        request.published_at = now
    return from_status


@transaction.atomic
def request_transition(
    *, request: Request, action: str, by: User, reason: str = ""
) -> Request:
    """Move a request along its lifecycle and record who moved it, when and why."""
    # Lock the request's row alone: a join locks the joined rows too on
    # PostgreSQL, and the country row is shared by every request of the country.
    request = (
        Request.objects.select_for_update(of=("self",))
        .select_related("country")
        .get(pk=request.pk)
    )
    from_status = _request_move(request, action, by, reason)
    step = record_step(request, action, from_status, by, reason)
    request.save(update_fields=MOVED_REQUEST_FIELDS)
    if action == "submit":
        duplicates.flag_request(request)
    if request.status == Request.Status.UNDER_REVIEW:
        _tell_reviewers(request, by, step.pk)
    return request


def _tell_reviewers(request: Request, by: User, step: int) -> None:
    """The coordinators of the request's region: it waits for their review."""
    notify(
        recipients=coordinators_of(request.country),
        kind=Kind.REVIEW_WAITING,
        key=f"request-review:{step}",
        sentence=gettext_noop(
            "The request “%(title)s” of %(country)s waits for review."
        ),
        values={"title": request.title, **country_values(request.country)},
        url=request.get_absolute_url(),
        but=by,
    )


def request_enter_partnership(*, request: Request, by: User | None) -> Request:
    """Record that a request is being served, once a partnership for it forms.

    Called inside the transaction that forms the partnership; a request that is
    already in partnership stays as it is.
    """
    request = edits.locked(request)
    if request.status == Request.Status.IN_PARTNERSHIP:
        return request
    from_status = move_status(
        request,
        {ENTER_PARTNERSHIP.name: ENTER_PARTNERSHIP},
        ENTER_PARTNERSHIP.name,
        by,
        "",
    )
    record_step(request, ENTER_PARTNERSHIP.name, from_status, by)
    request.save(update_fields=MOVED_REQUEST_FIELDS)
    return request
