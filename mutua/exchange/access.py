"""Who may see and change requests, offers and opportunities.

The same functions serve the pages, the API and the import, so a rule holds
everywhere once it holds here.
"""

from mutua.core.access import visible_or_404
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import Country
from mutua.directory.models import Organization

from .lifecycle import EDITABLE_REQUEST_STATUSES
from .lifecycle import LISTING_ACTIONS
from .lifecycle import PUBLIC_REQUEST_STATUSES
from .lifecycle import REQUEST_ACTIONS
from .lifecycle import Action
from .lifecycle import actions_from
from .models import Offer
from .models import Opportunity
from .models import Request


def may_create_request(
    user: Actor, *, country: Country, organization: Organization | None
) -> bool:
    if directory.is_secretariat(user) or directory.is_focal_point_for(user, country):
        return True
    return (
        organization is not None
        and organization.country_id == country.pk
        and directory.is_member(user, organization)
    )


def is_member_in(user: Actor, *, country: Country) -> bool:
    """A member of one of the country's organizations."""
    ids = directory.member_organization_ids(user)
    return (
        bool(ids) and Organization.objects.filter(pk__in=ids, country=country).exists()
    )


def owns_request(user: Actor, request: Request) -> bool:
    """The organization's members and the country's focal points.

    Authorship alone gives no right: whoever leaves the organization or the
    role leaves its requests behind.
    """
    if not user.is_authenticated:
        return False
    return directory.is_member(user, request.organization) or (
        directory.is_focal_point_for(user, request.country)
    )


def reviews_request(user: Actor, request: Request) -> bool:
    return directory.is_secretariat(user) or directory.coordinates(
        user, request.country
    )


def may_see_duplicates(user: Actor, request: Request) -> bool:
    """The requests flagged as look-alikes: for those who own or review it."""
    return owns_request(user, request) or reviews_request(user, request)


def may_view_request(user: Actor, request: Request) -> bool:
    return (
        request.status in PUBLIC_REQUEST_STATUSES
        or owns_request(user, request)
        or reviews_request(user, request)
    )


def may_edit_request(user: Actor, request: Request) -> bool:
    if reviews_request(user, request):
        return request.status not in {
            Request.Status.WITHDRAWN,
            Request.Status.REJECTED,
            Request.Status.COMPLETED,
            Request.Status.CLOSED,
        }
    return owns_request(user, request) and request.status in EDITABLE_REQUEST_STATUSES


def may_act_on_request(user: Actor, request: Request, action: str) -> bool:
    found = REQUEST_ACTIONS.get(action)
    return found is not None and ACTION_RULES[found.who](user, request)


def may_act_on_listing(user: Actor, listing: Offer | Opportunity, action: str) -> bool:
    found = LISTING_ACTIONS.get(action)
    return found is not None and ACTION_RULES[found.who](user, listing)


def may_create_listing(
    user: Actor, *, country: Country, organization: Organization | None
) -> bool:
    """Offers come from an organization's members, or from a focal point for its country."""
    if directory.is_secretariat(user):
        return True
    if organization is None:
        return directory.is_focal_point_for(user, country)
    return organization.country_id == country.pk and directory.is_member(
        user, organization
    )


def owns_listing(user: Actor, listing: Offer | Opportunity) -> bool:
    """The provider's members, or the country's focal points for a country's offer."""
    if not user.is_authenticated:
        return False
    if directory.is_secretariat(user):
        return True
    if listing.organization_id is not None:
        return directory.is_member(user, listing.organization)
    return directory.is_focal_point_for(user, listing.country)


def may_view_listing(user: Actor, listing: Offer | Opportunity) -> bool:
    return listing.status != Offer.Status.DRAFT or owns_listing(user, listing)


def may_see_contact(user: Actor, record: Request | Offer | Opportunity) -> bool:
    """Signed-in users, on a record they may see: a contact is never public.

    Pages, API and exports show a record's contact person and e-mail only when
    this holds, so that harvesting them takes an account.
    """
    if not user.is_authenticated:
        return False
    if isinstance(record, Request):
        return may_view_request(user, record)
    return may_view_listing(user, record)


def may_see_history_details(user: Actor, record: Request | Offer | Opportunity) -> bool:
    """Who took each step and why: only those involved in the record.

    For a request, its organization's members, its country's focal points, the
    coordinators of its region and the secretariat; for an offer or an
    opportunity, its owners and the secretariat. Everyone else sees the steps
    and their dates, not the people nor the reviewers' notes.
    """
    if isinstance(record, Request):
        return owns_request(user, record) or reviews_request(user, record)
    return owns_listing(user, record)


def actions_allowed(user: Actor, record, only: set[str] | None = None) -> list[Action]:
    """The lifecycle actions this user may take on this record now."""
    if isinstance(record, Request):
        possible = actions_from(REQUEST_ACTIONS, record.status)
        allowed = [a for a in possible if may_act_on_request(user, record, a.name)]
    else:
        possible = actions_from(LISTING_ACTIONS, record.status)
        allowed = [a for a in possible if may_act_on_listing(user, record, a.name)]
    return [a for a in allowed if only is None or a.name in only]


def may_edit_record(user: Actor, record) -> bool:
    """Whether the user may change this record in its current status."""
    if isinstance(record, Request):
        return may_edit_request(user, record)
    return owns_listing(user, record) and record.status != Offer.Status.WITHDRAWN


def request_for_user(user: Actor, uuid) -> Request:
    """The request, or 404 for one that is missing or not the user's to see."""
    requests = Request.objects.select_related(
        "country__region", "country__subregion", "organization", "created_by"
    )
    return visible_or_404(
        requests, uuid, user=user, rule=may_view_request, missing="No such request."
    )


def listing_for_user(
    model: type[Offer] | type[Opportunity], user: Actor, uuid
) -> Offer | Opportunity:
    related = ["organization", "country"] if model is Offer else ["organization"]
    return visible_or_404(
        model.objects.select_related(*related),
        uuid,
        user=user,
        rule=may_view_listing,
        missing="No such record.",
    )


# Who may take a lifecycle action: the `who` of each action in lifecycle.py.
ACTION_RULES = {
    "owner": lambda user, request: (
        owns_request(user, request) or directory.is_secretariat(user)
    ),
    "focal_point": lambda user, request: (
        directory.is_focal_point_for(user, request.country)
        or directory.is_secretariat(user)
    ),
    "reviewer": reviews_request,
    "owner_or_reviewer": lambda user, request: (
        owns_request(user, request) or reviews_request(user, request)
    ),
    "provider": owns_listing,
    "system": lambda user, record: False,
}
