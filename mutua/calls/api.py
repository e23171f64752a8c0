"""API of calls: the public list and a call, drafting, editing, lifecycle.

The endpoints call the same access functions and services as the pages.
"""

from uuid import UUID

from ninja import Query
from ninja import Router
from ninja.responses import Status

from mutua.cooperation.models import Partnership
from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.errors import NotFound
from mutua.core.errors import PermissionDenied
from mutua.core.schemas import ErrorsOut
from mutua.core.schemas import PageIn
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.core.schemas import utc
from mutua.directory import access as directory
from mutua.directory.models import Region
from mutua.directory.schemas import resolve_code
from mutua.directory.schemas import resolve_organization

from . import access
from . import selectors
from .models import Application
from .schemas import ApplicationIn
from .schemas import ApplicationMoveIn
from .schemas import ApplicationOut
from .schemas import ApplicationPage
from .schemas import ApplicationPatch
from .schemas import AskedOut
from .schemas import CallIn
from .schemas import CallMoveIn
from .schemas import CallOut
from .schemas import CallPage
from .schemas import CallPatch
from .schemas import CallQuery
from .schemas import CallStepOut
from .schemas import QuestionIn
from .schemas import QuestionOut
from .schemas import SelectionOut
from .schemas import ShortlistOut
from .services import applications
from .services import calls
from .services import questions

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
    return Status(201, calls.call_create(by=request.auth, **fields))


@router.patch("/calls/{uuid}", auth=WRITE, **CHANGES)
def update_call(request, uuid: UUID, payload: CallPatch):
    """Change the description, or move the closing time later."""
    call = access.call_for_user(request.auth, uuid)
    if not access.may_run_call(request.auth, call):
        raise PermissionDenied("Only those who run this call may change it.")
    fields = _times(payload.model_dump(exclude_unset=True))
    return calls.call_update(call=call, by=request.auth, **fields)


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
    return calls.call_move(
        call=call, by=request.auth, action=payload.action, reason=payload.reason
    )


# Applications -------------------------------------------------------------------

APPLICATIONS = Application.objects.select_related(
    "call__region__parent__parent", "organization", "region", "partnership"
).prefetch_related("answers__criterion", "documents")
APPLICATION_CHANGES = {
    "response": {200: ApplicationOut, 409: ErrorsOut, **error_responses(body=True)}
}


def _application_fields(fields: dict) -> tuple[dict, dict[int, str] | None]:
    """Codes and uuids as the services take them, and the answers by position."""
    answers = fields.pop("answers", None)
    if "region" in fields:
        fields["region"] = _region(fields["region"])
    if fields.get("organization") is not None:
        fields["organization"] = resolve_organization(fields["organization"])
    if fields.get("partnership") is not None:
        partnership = Partnership.objects.filter(uuid=fields["partnership"]).first()
        if partnership is None:
            raise NotFound({"partnership": "No such partnership."})
        fields["partnership"] = partnership
    if answers is not None:
        answers = {a["criterion"]: a["text"] for a in answers}
    return fields, answers


def _application(request, uuid: UUID) -> Application:
    access.application_for_user(request.auth, uuid)
    return APPLICATIONS.get(uuid=uuid)


@router.get(
    "/applications", response={200: ApplicationPage, **error_responses()}, **READS
)
def list_applications(request, query: Query[PageIn]):
    """The applications of the caller's organizations, newest first."""
    ids = directory.member_organization_ids(request.auth)
    return page_of(APPLICATIONS.filter(organization_id__in=ids), query)


@router.get(
    "/applications/{uuid}",
    response={200: ApplicationOut, **error_responses()},
    **READS,
)
def get_application(request, uuid: UUID):
    """An application, for its organization and those who run its call."""
    return _application(request, uuid)


@router.post(
    "/calls/{uuid}/applications",
    response={201: ApplicationOut, 409: ErrorsOut, **error_responses(body=True)},
    auth=WRITE,
)
def create_application(request, uuid: UUID, payload: ApplicationIn):
    """Start a draft application of one of the caller's organizations."""
    call = access.call_for_user(request.auth, uuid)
    fields, answers = _application_fields(payload.model_dump())
    created = applications.application_start(
        call=call, by=request.auth, answers=answers, **fields
    )
    return Status(201, APPLICATIONS.get(pk=created.pk))


@router.patch("/applications/{uuid}", auth=WRITE, **APPLICATION_CHANGES)
def update_application(request, uuid: UUID, payload: ApplicationPatch):
    """Change the fields sent, until the call closes."""
    application = _application(request, uuid)
    fields, answers = _application_fields(payload.model_dump(exclude_unset=True))
    applications.application_update(
        application=application, by=request.auth, answers=answers, **fields
    )
    return APPLICATIONS.get(pk=application.pk)


@router.post("/applications/{uuid}/transitions", auth=WRITE, **APPLICATION_CHANGES)
def transition_application(request, uuid: UUID, payload: ApplicationMoveIn):
    """Submit (complete and eligible, before the call closes) or withdraw."""
    application = _application(request, uuid)
    move = {
        "submit": applications.application_submit,
        "withdraw": applications.application_withdraw,
    }[payload.action]
    move(application=application, by=request.auth)
    return APPLICATIONS.get(pk=application.pk)


# Questions ----------------------------------------------------------------------


@router.get(
    "/calls/{uuid}/questions",
    response={200: list[QuestionOut], **error_responses()},
    **READS,
)
def list_call_questions(request, uuid: UUID):
    """The call's published questions and answers, oldest first."""
    return selectors.published_questions(access.call_for_user(request.auth, uuid))


@router.post(
    "/calls/{uuid}/questions",
    response={201: AskedOut, 409: ErrorsOut, **error_responses(body=True)},
    auth=WRITE,
)
def ask_call_question(request, uuid: UUID, payload: QuestionIn):
    """Ask privately; the answer is published for every applicant."""
    call = access.call_for_user(request.auth, uuid)
    return Status(
        201, questions.question_ask(call=call, by=request.auth, text=payload.text)
    )


@router.get(
    "/calls/{uuid}/shortlist",
    response={200: list[ShortlistOut], **error_responses()},
    **READS,
)
def get_call_shortlist(request, uuid: UUID):
    """Each scope's shortlisted (for grants, funded) applications in rank order;
    empty until the shortlist is published."""
    call = access.call_for_user(request.auth, uuid)
    return [
        {"scope": scope, "applications": places}
        for scope, places in selectors.shortlist(call)
    ]


@router.get(
    "/calls/{uuid}/selections",
    response={200: list[SelectionOut], **error_responses()},
    **READS,
)
def list_call_selections(request, uuid: UUID):
    """Who was selected, with the justification, and where each follow-up stands."""
    call = access.call_for_user(request.auth, uuid)
    return call.selections.select_related(
        "application__organization", "application__region"
    ).prefetch_related("pledges__donor")
