"""API of the exchange: requests, offers and opportunities, and their lifecycles.

The endpoints call the same access functions and services as the pages, so a
permission rule holds here once it holds there.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.api import named
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.core.schemas import patch_fields
from mutua.core.schemas import utc
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.schemas import resolve_codes

from . import access
from . import browse
from . import selectors
from .models import Offer
from .models import Opportunity
from .models import Request
from .schemas.history import TransitionOut
from .schemas.listings import ListingTransitionIn
from .schemas.listings import OfferCreate
from .schemas.listings import OfferOut
from .schemas.listings import OfferPage
from .schemas.listings import OfferPatch
from .schemas.listings import OpportunityCreate
from .schemas.listings import OpportunityOut
from .schemas.listings import OpportunityPage
from .schemas.listings import OpportunityPatch
from .schemas.requests import RequestCreate
from .schemas.requests import RequestOut
from .schemas.requests import RequestPage
from .schemas.requests import RequestPatch
from .schemas.requests import RequestTransitionIn
from .schemas.shared import ListQuery
from .schemas.shared import service_fields
from .services.listings import listing_create
from .services.listings import listing_transition
from .services.listings import listing_update
from .services.requests import request_create
from .services.requests import request_transition
from .services.requests import request_update

router = Router(tags=["exchange"])

LIST_PREFETCH = ("targets", "modalities", "languages")


def _filters(query: ListQuery) -> selectors.ListFilters:
    """The page's filters, once every code in the query is known."""
    resolve_codes(GbfTarget, query.target, field="target", key="number")
    resolve_codes(Modality, query.modality, field="modality")
    resolve_codes(ResourceType, query.resource, field="resource")
    resolve_codes(Language, query.language, field="language")
    resolve_codes(Region, query.region, field="region")
    countries = resolve_codes(Country, query.country, field="country", key="iso3")
    return selectors.ListFilters(
        query=query.q,
        targets=query.target,
        modalities=query.modality,
        resources=query.resource,
        languages=query.language,
        regions=query.region,
        countries=[country.iso3 for country in countries],
        groups=query.group,
    )


def _page(
    public: Callable[[selectors.ListFilters], QuerySet],
    query: ListQuery,
    *prefetch: str,
) -> dict:
    filters = _filters(query)
    queryset = public(filters)
    if query.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=utc(query.updated_since))
        queryset = queryset.order_by("updated_at", "pk")
        count = None
    else:
        version = selectors.data_version(queryset.model)
        count = browse.count(public, filters, version=version)
    queryset = queryset.prefetch_related(*LIST_PREFETCH, *prefetch)
    return page_of(queryset, query, count=count)


def _edits(payload) -> tuple[dict, dict | None]:
    """The fields a PATCH changes and the values the client read of them, as the
    services take them."""
    fields, seen = patch_fields(payload)
    return service_fields(fields), seen and service_fields(seen)


def _created(model, uuid: UUID | None) -> int:
    """201 for a new record; 200 when a client sends one it already created.

    The `uuid` of a record someone else created answers 404 (see the services).
    """
    if uuid is not None and model.objects.filter(uuid=uuid).exists():
        return 200
    return 201


def _changes(out: type[Schema]) -> dict[str, Any]:
    """Options of every endpoint that edits or moves a record: it answers the record
    as changed, or a conflict (409: a field changed since the client read it, or a
    status that does not allow the move), and needs a user."""
    return {
        "response": {200: out, **error_responses(body=True, conflict=True)},
        "auth": WRITE,
    }


def _listing_endpoints(
    model: type[Offer] | type[Opportunity],
    path: str,
    *,
    out: type[Schema],
    create: type[Schema],
    patch: type[Schema],
    create_doc: str,
) -> None:
    """Read, draft, change and move a kind of listing: offers and opportunities
    have the same endpoints, each named for its kind."""
    kind = model._meta.model_name

    @router.get(f"/{path}/{{uuid}}", response={200: out, **error_responses()}, **READS)
    @named(f"get_{kind}", f"An {kind}, if the caller may see it.")
    def get_listing(request, uuid: UUID):
        return access.listing_for_user(model, request.auth, uuid)

    @router.post(
        f"/{path}",
        response={201: out, 200: out, **error_responses(body=True)},
        auth=WRITE,
    )
    @named(f"create_{kind}", create_doc)
    def create_listing(request, payload: create):
        fields = service_fields(payload.model_dump())
        status = _created(model, payload.uuid)
        return Status(status, listing_create(model, by=request.auth, **fields))

    @router.patch(f"/{path}/{{uuid}}", **_changes(out))
    @named(f"update_{kind}", "Change the fields sent, and only those.")
    def update_listing(request, uuid: UUID, payload: patch):
        record = access.listing_for_user(model, request.auth, uuid)
        fields, seen = _edits(payload)
        return listing_update(listing=record, by=request.auth, seen=seen, **fields)

    @router.get(
        f"/{path}/{{uuid}}/transitions",
        response={200: list[TransitionOut], **error_responses()},
        **READS,
    )
    @named(
        f"list_{kind}_transitions",
        f"The {kind}'s lifecycle: who moved it, when, from what to what, and why.",
    )
    def list_listing_transitions(request, uuid: UUID):
        record = access.listing_for_user(model, request.auth, uuid)
        return record.transitions.select_related("by__profile")

    @router.post(f"/{path}/{{uuid}}/transitions", **_changes(out))
    @named(
        f"transition_{kind}",
        "Publish, pause, resume, renew (with `valid_until`) or withdraw.",
    )
    def transition_listing(request, uuid: UUID, payload: ListingTransitionIn):
        record = access.listing_for_user(model, request.auth, uuid)
        return listing_transition(
            listing=record, by=request.auth, **payload.model_dump()
        )


# Requests ----------------------------------------------------------------------


@router.get("/requests", response={200: RequestPage, **error_responses()}, **READS)
def list_requests(request, query: Query[ListQuery]):
    """Published requests, with the search and filters of the site, a page at a time."""
    page = _page(selectors.public_requests, query, "resources")
    selectors.load_duplicate_ids(request.auth, page["items"])
    return page


@router.get(
    "/requests/{uuid}", response={200: RequestOut, **error_responses()}, **READS
)
def get_request(request, uuid: UUID):
    """A request, if the caller may see it."""
    record = access.request_for_user(request.auth, uuid)
    selectors.load_duplicate_ids(request.auth, [record])
    return record


@router.post(
    "/requests",
    response={201: RequestOut, 200: RequestOut, **error_responses(body=True)},
    auth=WRITE,
)
def create_request(request, payload: RequestCreate):
    """Draft a request for a country, on behalf of one of its organizations or not."""
    fields = service_fields(payload.model_dump())
    status = _created(Request, payload.uuid)
    return Status(status, request_create(by=request.auth, **fields))


@router.patch("/requests/{uuid}", **_changes(RequestOut))
def update_request(request, uuid: UUID, payload: RequestPatch):
    """Change the fields sent, and only those."""
    record = access.request_for_user(request.auth, uuid)
    fields, seen = _edits(payload)
    return request_update(request=record, by=request.auth, seen=seen, **fields)


@router.get(
    "/requests/{uuid}/transitions",
    response={200: list[TransitionOut], **error_responses()},
    **READS,
)
def list_request_transitions(request, uuid: UUID):
    """The request's lifecycle: who moved it, when, from what to what, and why."""
    record = access.request_for_user(request.auth, uuid)
    return record.transitions.select_related("by__profile")


@router.post("/requests/{uuid}/transitions", **_changes(RequestOut))
def transition_request(request, uuid: UUID, payload: RequestTransitionIn):
    """Submit, endorse, publish, ask for clarification, reject, withdraw or close."""
    record = access.request_for_user(request.auth, uuid)
    return request_transition(
        request=record, action=payload.action, by=request.auth, reason=payload.reason
    )


# Offers ------------------------------------------------------------------------


@router.get("/offers", response={200: OfferPage, **error_responses()}, **READS)
def list_offers(request, query: Query[ListQuery]):
    """Published offers, with the search and filters of the site, a page at a time."""
    return _page(
        selectors.public_offers,
        query,
        "resources",
        "serves_regions",
        "serves_countries",
        "partnerships",
    )


_listing_endpoints(
    Offer,
    "offers",
    out=OfferOut,
    create=OfferCreate,
    patch=OfferPatch,
    create_doc="Draft an offer of an organization, or of a country's focal point.",
)


# Opportunities -----------------------------------------------------------------


@router.get(
    "/opportunities", response={200: OpportunityPage, **error_responses()}, **READS
)
def list_opportunities(request, query: Query[ListQuery]):
    """Published funding opportunities, with the search and filters of the site."""
    return _page(selectors.public_opportunities, query)


_listing_endpoints(
    Opportunity,
    "opportunities",
    out=OpportunityOut,
    create=OpportunityCreate,
    patch=OpportunityPatch,
    create_doc="Draft a funding opportunity of a donor organization.",
)
