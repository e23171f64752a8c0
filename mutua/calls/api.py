"""API of calls: the public list and a call, drafting, editing, lifecycle.

The endpoints call the same access functions and services as the pages.
"""

from uuid import UUID

from ninja import Query
from ninja import Router
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.errors import PermissionDenied
from mutua.core.schemas import ErrorsOut
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.core.schemas import utc
from mutua.directory.models import Region
from mutua.directory.schemas import resolve_code

from . import access
from . import selectors
from . import services
from .schemas import CallIn
from .schemas import CallMoveIn
from .schemas import CallOut
from .schemas import CallPage
from .schemas import CallPatch
from .schemas import CallQuery
from .schemas import CallStepOut

router = Router(tags=["calls"])
CHANGES = {"response": {200: CallOut, 409: ErrorsOut, **error_responses(body=True)}}


def _region(code: str | None) -> Region | None:
    return None if code is None else resolve_code(Region, code, field="region")


def _times(fields: dict) -> dict:
    for name in ("opens_at", "closes_at"):
        if fields.get(name) is not None:
            fields[name] = utc(fields[name])
    return fields


@router.get("/calls", response={200: CallPage, **error_responses()}, **READS)
def list_calls(request, query: Query[CallQuery]):
    """Published calls, with the search and filters of the site, a page at a time."""
    filters = selectors.CallFilters(
        query=query.q,
        kind=query.kind or "",
        status=query.status or "",
        region=query.region or "",
    )
    return page_of(selectors.calls(filters).prefetch_related("criteria"), query)


@router.get("/calls/{uuid}", response={200: CallOut, **error_responses()}, **READS)
def get_call(request, uuid: UUID):
    """A call: public once published; a draft only for those who run it."""
    return access.call_for_user(request.auth, uuid)


@router.post(
    "/calls", response={201: CallOut, **error_responses(body=True)}, auth=WRITE
)
def create_call(request, payload: CallIn):
    """Draft a call with its criteria (the secretariat, coordinators for their region)."""
    fields = _times(payload.model_dump())
    fields["region"] = _region(fields["region"])
    return Status(201, services.call_create(by=request.auth, **fields))


@router.patch("/calls/{uuid}", auth=WRITE, **CHANGES)
def update_call(request, uuid: UUID, payload: CallPatch):
    """Change the description, or move the closing time later."""
    call = access.call_for_user(request.auth, uuid)
    if not access.may_run_call(request.auth, call):
        raise PermissionDenied("Only those who run this call may change it.")
    fields = _times(payload.model_dump(exclude_unset=True))
    return services.call_update(call=call, by=request.auth, **fields)


@router.get(
    "/calls/{uuid}/transitions",
    response={200: list[CallStepOut], **error_responses()},
    **READS,
)
def list_call_transitions(request, uuid: UUID):
    """The call's lifecycle: when it moved, from what to what, and why."""
    call = access.call_for_user(request.auth, uuid)
    return call.steps.select_related("by", "call__region__parent__parent")


@router.post("/calls/{uuid}/transitions", auth=WRITE, **CHANGES)
def transition_call(request, uuid: UUID, payload: CallMoveIn):
    """Publish, close (after the closing time) or start the assessment."""
    call = access.call_for_user(request.auth, uuid)
    return services.call_move(
        call=call, by=request.auth, action=payload.action, reason=payload.reason
    )
