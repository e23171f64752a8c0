"""Writes of the exchange: create, edit and move requests, offers, opportunities.

Every write checks its permission through `access`, validates the whole record
with `full_clean()`, and runs in one transaction; every lifecycle move is
recorded as a `Transition`. Creation accepts a client-generated `uuid` and is
idempotent on it, so an offline client may safely send the same record twice.
"""

import datetime as dt
import uuid as uuid_lib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core import edits
from mutua.core.errors import (
    NotFound,
    PermissionDenied,
    Refused,
    TransitionError,
    ValidationError,
)
from mutua.directory import access as directory
from mutua.directory.models import ELIGIBILITY_GROUPS, Country, Organization

from . import access, duplicates, signals
from .lifecycle import (
    CREATE,
    ENTER_PARTNERSHIP,
    FROM_HELPDESK,
    LISTING_ACTIONS,
    REQUEST_ACTIONS,
    Action,
    verb_of,
)
from .models import Beneficiary, Offer, Opportunity, Request, Transition

# What a lifecycle move of a request may change; an edit changes none of them.
MOVED_REQUEST_FIELDS = [
    "status",
    "status_changed_at",
    "endorsed_by",
    "endorsed_at",
    "published_at",
    "updated_at",
]
REQUEST_M2M = ("targets", "modalities", "resources", "languages")
OFFER_M2M = (*REQUEST_M2M, "serves_regions", "serves_countries")
OPPORTUNITY_M2M = ("targets", "modalities", "languages")
# Rows per INSERT when records are written at once (SQLite takes 32,766 values).
BATCH = 500


# Action names inside sentences, such as "Give a reason to reject."
def _set_m2m(obj, relations: dict[str, Iterable]) -> None:
    for name, values in relations.items():
        getattr(obj, name).set(list(values))


def _split(fields: dict, m2m_names: tuple[str, ...]) -> tuple[dict, dict]:
    scalars = {k: v for k, v in fields.items() if k not in m2m_names}
    relations = {k: v for k, v in fields.items() if k in m2m_names}
    return scalars, relations


def _group_errors(values, field: str) -> dict[str, list[str]]:
    if not isinstance(values, list):
        return {field: [_("Give a list of country groups.")]}
    unknown = [v for v in values if v not in ELIGIBILITY_GROUPS]
    if unknown:
        return {
            field: [
                _("Unknown country group: %(groups)s.")
                % {"groups": ", ".join(map(str, unknown))}
            ]
        }
    return {}


def _beneficiary_errors(values) -> dict[str, list[str]]:
    unknown = [b for b in values if b not in Beneficiary.values]
    if not isinstance(values, list) or unknown:
        return {
            "beneficiaries": [
                _("Unknown beneficiaries: %(codes)s.") % {"codes": unknown}
            ]
        }
    return {}


def _full_clean(record, errors: dict[str, list[str]], **kwargs) -> None:
    """Run the model's checks and raise every error at once, the caller's with them."""
    try:
        record.full_clean(**kwargs)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _existing(model, uuid: uuid_lib.UUID | None):
    return model.objects.filter(uuid=uuid).first() if uuid else None


def _not_yours() -> NotFound:
    """A client id taken by someone else's record: the answer says nothing of
    that record, not even that it exists, be it a hidden draft."""
    return NotFound({"uuid": _("No record of yours has this id.")})


def _step(
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


def _record(
    obj, action: str, from_status: str, by: User | None, reason: str = ""
) -> None:
    _step(obj, action, from_status, by, reason).save()


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


def _save(prepared: Prepared) -> None:
    prepared.record.save()
    _set_m2m(prepared.record, prepared.relations)
    for step in prepared.steps:
        step.save()


# Requests -------------------------------------------------------------------


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
    errors = _beneficiary_errors(request.beneficiaries)
    errors |= _iplc_answer_errors(request, request.status)
    if request.organization and request.organization.country_id != request.country_id:
        errors["organization"] = [
            _("The organization must be of the requesting country.")
        ]
    _full_clean(request, errors, exclude=["possible_duplicates"])


def _request_checked(
    *,
    by: User,
    country: Country,
    organization: Organization | None,
    uuid: uuid_lib.UUID | None,
    fields: dict,
) -> Prepared:
    """`request_create`'s rules, applied without writing anything."""
    if (existing := _existing(Request, uuid)) is not None:
        if existing.created_by_id != by.pk:
            raise _not_yours()
        return Prepared(existing, created=False)
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
    scalars, relations = _split(fields, REQUEST_M2M)
    request = Request(
        country=country,
        organization=organization,
        created_by=by,
        **scalars,
        **({"uuid": uuid} if uuid else {}),
    )
    validate_request(request)
    request.search_text = request.build_search_text()
    return Prepared(
        request, relations=relations, steps=[_step(request, CREATE, "", by)]
    )


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
    prepared = _request_checked(
        by=by, country=country, organization=organization, uuid=uuid, fields=fields
    )
    if prepared.created:
        _save(prepared)
    return prepared.record


def request_prepare(
    *,
    by: User,
    submit: bool,
    country: Country,
    organization: Organization | None = None,
    uuid: uuid_lib.UUID | None = None,
    **fields,
) -> Prepared:
    """Check a request as `request_create` (and, with `submit`, as its submission)
    would, but write nothing: `records_write` writes many at once.

    Only reads, so a long file is checked without holding the write lock.
    """
    prepared = _request_checked(
        by=by, country=country, organization=organization, uuid=uuid, fields=fields
    )
    if submit and prepared.created:
        from_status = _request_move(prepared.record, "submit", by, "")
        prepared.steps.append(_step(prepared.record, "submit", from_status, by))
    return prepared


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
    _record(request, CREATE, "", asked_by)
    request.status = Request.Status.SUBMITTED
    _record(request, FROM_HELPDESK, Request.Status.DRAFT, by)
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
    scalars, relations = _split(fields, REQUEST_M2M)
    for name, value in scalars.items():
        setattr(request, name, value)
    validate_request(request)
    request.search_text = request.build_search_text()
    request.save(update_fields=[*scalars, "search_text", "updated_at"])
    _set_m2m(request, relations)
    return request


def _move(
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


def _request_move(request: Request, action: str, by: User, reason: str) -> str:
    """Apply a lifecycle action to a request in memory; return the status it left."""
    if not access.may_act_on_request(by, request, action):
        raise PermissionDenied(
            _("You may not %(action)s this request.")
            % {"action": verb_of(REQUEST_ACTIONS, action)}
        )
    from_status = _move(request, REQUEST_ACTIONS, action, by, reason)
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
    _record(request, action, from_status, by, reason)
    request.save(update_fields=MOVED_REQUEST_FIELDS)
    if action == "submit":
        duplicates.flag_request(request)
    return request


def request_enter_partnership(*, request: Request, by: User | None) -> Request:
    """Record that a request is being served, once a partnership for it forms.

    Called inside the transaction that forms the partnership; a request that is
    already in partnership stays as it is.
    """
    request = edits.locked(request)
    if request.status == Request.Status.IN_PARTNERSHIP:
        return request
    from_status = _move(
        request,
        {ENTER_PARTNERSHIP.name: ENTER_PARTNERSHIP},
        ENTER_PARTNERSHIP.name,
        by,
        "",
    )
    _record(request, ENTER_PARTNERSHIP.name, from_status, by)
    request.save(update_fields=MOVED_REQUEST_FIELDS)
    return request


# Offers and opportunities -----------------------------------------------------


def validate_offer(offer: Offer) -> None:
    """The rules every stored offer keeps, past the model's own: the services
    apply them on every write, the demo data is checked against them."""
    errors = _group_errors(offer.eligibility, "eligibility")
    if offer.organization and offer.organization.country_id != offer.country_id:
        errors["country"] = [_("The country must be the organization's.")]
    _full_clean(offer, errors)


def validate_opportunity(opportunity: Opportunity) -> None:
    """The rules every stored opportunity keeps, past the model's own: the services
    apply them on every write, the demo data is checked against them."""
    errors = {
        **_group_errors(opportunity.eligibility, "eligibility"),
        **_beneficiary_errors(opportunity.beneficiaries),
    }
    _full_clean(opportunity, errors)


KINDS = {
    Offer: (OFFER_M2M, validate_offer),
    Opportunity: (OPPORTUNITY_M2M, validate_opportunity),
}
M2M = {Request: REQUEST_M2M, Offer: OFFER_M2M, Opportunity: OPPORTUNITY_M2M}


def _listing_checked(
    model: type[Offer] | type[Opportunity],
    *,
    by: User,
    organization: Organization | None,
    country: Country | None,
    uuid: uuid_lib.UUID | None,
    fields: dict,
) -> Prepared:
    """`listing_create`'s rules, applied without writing anything."""
    if (existing := _existing(model, uuid)) is not None:
        if existing.created_by_id != by.pk:
            raise _not_yours()
        return Prepared(existing, created=False)
    country = country or (organization.country if organization else None)
    if country is None:
        raise ValidationError(
            {"organization": _("Name the providing organization or country.")}
        )
    if model is Opportunity and organization is None:
        raise ValidationError(
            {"organization": _("An opportunity needs its funding organization.")}
        )
    if not access.may_create_listing(by, country=country, organization=organization):
        raise PermissionDenied(_("Only the organization's members may publish for it."))
    m2m_names, validate = KINDS[model]
    scalars, relations = _split(fields, m2m_names)
    extra = {"country": country} if model is Offer else {}
    listing = model(
        organization=organization,
        created_by=by,
        **extra,
        **scalars,
        **({"uuid": uuid} if uuid else {}),
    )
    validate(listing)
    listing.search_text = listing.build_search_text()
    return Prepared(
        listing, relations=relations, steps=[_step(listing, CREATE, "", by)]
    )


@transaction.atomic
def listing_create(
    model: type[Offer] | type[Opportunity],
    *,
    by: User,
    organization: Organization | None,
    country: Country | None = None,
    uuid: uuid_lib.UUID | None = None,
    **fields,
) -> Offer | Opportunity:
    """Draft an offer or an opportunity."""
    prepared = _listing_checked(
        model,
        by=by,
        organization=organization,
        country=country,
        uuid=uuid,
        fields=fields,
    )
    if prepared.created:
        _save(prepared)
    return prepared.record


def listing_prepare(
    model: type[Offer] | type[Opportunity],
    *,
    by: User,
    publish: bool,
    organization: Organization | None,
    country: Country | None = None,
    uuid: uuid_lib.UUID | None = None,
    **fields,
) -> Prepared:
    """Check a listing as `listing_create` (and, with `publish`, as its publication)
    would, but write nothing: `records_write` writes many at once."""
    prepared = _listing_checked(
        model,
        by=by,
        organization=organization,
        country=country,
        uuid=uuid,
        fields=fields,
    )
    if publish and prepared.created:
        from_status = _listing_move(prepared.record, "publish", by, "", None)
        prepared.steps.append(_step(prepared.record, "publish", from_status, by))
    return prepared


@transaction.atomic
def listing_update(
    *, listing: Offer | Opportunity, by: User, seen: dict | None = None, **fields
) -> Offer | Opportunity:
    """Change the fields given, and only those, as `request_update` does."""
    listing = edits.locked(listing)
    if not access.owns_listing(by, listing):
        raise PermissionDenied(_("Only the provider may change this."))
    if listing.status == Offer.Status.WITHDRAWN:
        raise PermissionDenied(_("A withdrawn record cannot be changed."))
    edits.refuse_stale(listing, fields, seen)
    m2m_names, validate = KINDS[type(listing)]
    scalars, relations = _split(fields, m2m_names)
    for name, value in scalars.items():
        setattr(listing, name, value)
    validate(listing)
    listing.search_text = listing.build_search_text()
    listing.save(update_fields=[*scalars, "search_text", "updated_at"])
    _set_m2m(listing, relations)
    return listing


def _listing_move(
    listing: Offer | Opportunity,
    action: str,
    by: User | None,
    reason: str,
    valid_until: dt.date | None,
) -> str:
    """Apply a lifecycle action to a listing in memory; return the status it left."""
    if action == "expire" and by is not None:
        raise PermissionDenied(_("Expiry is done by the system."))
    if by is not None and not access.owns_listing(by, listing):
        raise PermissionDenied(_("Only the provider may change this."))
    today = timezone.localdate()
    from_status = _move(listing, LISTING_ACTIONS, action, by, reason)
    date_field = _date_field(type(listing))
    if action == "renew":
        if valid_until is None or valid_until <= today:
            raise ValidationError(
                {"valid_until": _("Renew until a date in the future.")}
            )
        setattr(listing, date_field, valid_until)
        listing.reminder_sent_at = None
    if listing.status == Offer.Status.PUBLISHED:
        if getattr(listing, date_field) < today:
            raise ValidationError(
                {date_field: _("This date has passed: renew it first.")}
            )
        listing.published_at = listing.published_at or timezone.now()
    return from_status


def _date_field(model: type[Offer] | type[Opportunity]) -> str:
    return "deadline" if model is Opportunity else "valid_until"


@transaction.atomic
def listing_transition(
    *,
    listing: Offer | Opportunity,
    action: str,
    by: User | None,
    reason: str = "",
    valid_until: dt.date | None = None,
) -> Offer | Opportunity:
    """Publish, pause, resume, renew or withdraw an offer or opportunity.

    `by=None` is the system itself (expiry). Renewal takes the new end of validity.
    """
    model = type(listing)
    listing = model.objects.select_for_update().get(pk=listing.pk)
    from_status = _listing_move(listing, action, by, reason, valid_until)
    _record(listing, action, from_status, by, reason)
    listing.save(
        update_fields=[
            "status",
            "status_changed_at",
            "published_at",
            "reminder_sent_at",
            _date_field(model),
            "updated_at",
        ]
    )
    return listing


# Many records at once -----------------------------------------------------------


def records_write(model: type[Request] | type[Offer], prepared: list[Prepared]) -> None:
    """Write records checked by `request_prepare` or `listing_prepare`, an INSERT per
    table and batch rather than several per record, so that thousands of rows hold
    the write lock for seconds, not minutes.

    Call it inside the caller's transaction. What the single writes trigger record
    by record (suggestions, focal points' use) follows from `signals.bulk_saved`;
    the duplicate check of submitted requests runs as a job once committed.
    """

    new = [p for p in prepared if p.created]
    records = model.objects.bulk_create([p.record for p in new], batch_size=BATCH)
    for name in M2M[model]:
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_column_name(), relation.m2m_reverse_name()
        through.objects.bulk_create(
            (
                through(**{source: p.record.pk, target: other.pk})
                for p in new
                for other in dict.fromkeys(p.relations.get(name, ()))
            ),
            batch_size=BATCH,
        )
    steps = Transition.objects.bulk_create(
        [step for p in new for step in p.steps], batch_size=BATCH
    )
    signals.bulk_saved.send(sender=model, records=records)
    signals.bulk_saved.send(sender=Transition, records=steps)
    submitted = [step.request_id for step in steps if step.action == "submit"]
    if submitted:
        transaction.on_commit(
            lambda: duplicates.flag_duplicates.enqueue(request_ids=submitted)
        )
