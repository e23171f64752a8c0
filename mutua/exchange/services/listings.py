"""Writes of listings (offers and opportunities): draft, check, edit, move."""

import datetime as dt
import uuid as uuid_lib

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutua.core import edits
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.directory.models import ELIGIBILITY_GROUPS
from mutua.directory.models import Country
from mutua.directory.models import Organization

from .. import access
from ..lifecycle import LISTING_ACTIONS
from ..models import Offer
from ..models import Opportunity
from .records import OFFER_M2M
from .records import OPPORTUNITY_M2M
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


def validate_offer(offer: Offer) -> None:
    """The rules every stored offer keeps, past the model's own: the services
    apply them on every write, the demo data is checked against them."""
    errors = _group_errors(offer.eligibility, "eligibility")
    if offer.organization and offer.organization.country_id != offer.country_id:
        errors["country"] = [_("The country must be the organization's.")]
    full_clean_with(offer, errors)


def validate_opportunity(opportunity: Opportunity) -> None:
    """The rules every stored opportunity keeps, past the model's own: the services
    apply them on every write, the demo data is checked against them."""
    errors = {
        **_group_errors(opportunity.eligibility, "eligibility"),
        **beneficiary_errors(opportunity.beneficiaries),
    }
    full_clean_with(opportunity, errors)


KINDS = {
    Offer: (OFFER_M2M, validate_offer),
    Opportunity: (OPPORTUNITY_M2M, validate_opportunity),
}


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
    """Check a new listing (and, with `publish`, its publication) but write
    nothing: `listing_create` writes one, `records_write` many at once."""
    if (existing := already_created(model, uuid, by)) is not None:
        return existing
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
    extra = {"country": country} if model is Offer else {}
    prepared = prepare_new(
        model,
        by=by,
        uuid=uuid,
        fields=fields,
        m2m_names=m2m_names,
        validate=validate,
        organization=organization,
        **extra,
    )
    if publish:
        from_status = _listing_move(prepared.record, "publish", by, "", None)
        prepared.steps.append(history_step(prepared.record, "publish", from_status, by))
    return prepared


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
    prepared = listing_prepare(
        model,
        by=by,
        publish=False,
        organization=organization,
        country=country,
        uuid=uuid,
        **fields,
    )
    if prepared.created:
        save_prepared(prepared)
    return prepared.record


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
    save_edits(listing, fields, m2m_names=m2m_names, validate=validate)
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
    from_status = move_status(listing, LISTING_ACTIONS, action, by, reason)
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
    record_step(listing, action, from_status, by, reason)
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
