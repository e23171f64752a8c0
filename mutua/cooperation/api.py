"""API of cooperation: partnerships, their participants and activities.

The endpoints call the same access rules and services as the pages.
"""

from uuid import UUID
from uuid import uuid4

from django.http import Http404
from ninja import Query
from ninja import Router
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import TargetGroup
from mutua.directory.schemas import resolve_code
from mutua.directory.schemas import resolve_codes
from mutua.directory.schemas import resolve_organization

from . import selectors
from . import services
from .models import Partnership
from .schemas import ActivityIn
from .schemas import ActivityOut
from .schemas import PartnershipIn
from .schemas import PartnershipOut
from .schemas import PartnershipPage
from .schemas import PartnershipQuery

router = Router(tags=["cooperation"])


def _partnership(uuid: UUID) -> Partnership:
    partnership = selectors.partnership_or_none(uuid)
    if partnership is None:
        raise Http404("No such partnership.")
    return partnership


def _organization(uuid: UUID | None, field: str) -> Organization | None:
    return resolve_organization(uuid, field=field) if uuid else None


def _country(iso3: str | None, field: str) -> Country | None:
    return resolve_code(Country, iso3, field=field, key="iso3") if iso3 else None


@router.get(
    "/partnerships",
    response={200: PartnershipPage, **error_responses()},
    **READS,
)
def list_partnerships(request, query: Query[PartnershipQuery]):
    """Partnerships, newest first: by words of the title and by cooperation type."""
    partnerships = selectors.partnerships_with_participants(query.q, query.type)
    return page_of(partnerships, query)


@router.get(
    "/partnerships/{uuid}",
    response={200: PartnershipOut, **error_responses()},
    **READS,
)
def get_partnership(request, uuid: UUID):
    """A partnership with its participants and derived cooperation type."""
    return selectors.partnership_with_participants(_partnership(uuid).pk)


@router.post(
    "/partnerships",
    response={201: PartnershipOut, **error_responses(body=True)},
    auth=WRITE,
)
def create_partnership(request, payload: PartnershipIn):
    """Record cooperation that did not start here; you must take part in it."""
    fields = payload.model_dump(exclude={"targets", "participants"})
    participants = [
        {
            "role": p.role,
            "name": p.name,
            "organization": resolve_organization(p.organization, field="participants")
            if p.organization
            else None,
            "country": resolve_code(
                Country, p.country, field="participants", key="iso3"
            )
            if p.country
            else None,
        }
        for p in payload.participants
    ]
    targets = resolve_codes(GbfTarget, payload.targets, field="targets", key="number")
    partnership = services.partnership_create(
        by=request.auth, participants=participants, targets=targets, **fields
    )
    return Status(201, selectors.partnership_with_participants(partnership.pk))


@router.get(
    "/partnerships/{uuid}/activities",
    response={200: list[ActivityOut], **error_responses()},
    **READS,
)
def list_partnership_activities(request, uuid: UUID):
    """What a partnership did, newest first, with who took part."""
    return selectors.activities_of(_partnership(uuid))


@router.post(
    "/partnerships/{uuid}/activities",
    response={201: ActivityOut, 200: ActivityOut, **error_responses(body=True)},
    auth=WRITE,
)
def create_partnership_activity(request, uuid: UUID, payload: ActivityIn):
    """Record an activity, and who took part in it, for a partnership you edit.

    Give the report a `uuid` of your own to send it safely more than once (a
    phone that lost its connection before hearing back): the first sending
    records it (201), any later one answers with the same activity (200) and
    changes nothing. A `uuid` naming another user's activity, or one of another
    partnership, is refused (409).

    When the attendance counts more people than `people_reached`, say why in
    `attendance_reason`, or the numbers are refused (422) as likely mistaken.
    """
    partnership = _partnership(uuid)
    fields = payload.model_dump(exclude={"attendance", "attendance_reason", "uuid"})
    fields |= {
        "modality": resolve_code(Modality, payload.modality, field="modality"),
        "languages": resolve_codes(Language, payload.languages, field="languages"),
        "target_groups": resolve_codes(
            TargetGroup, payload.target_groups, field="target_groups"
        ),
        "lead_organization": _organization(
            payload.lead_organization, "lead_organization"
        ),
        "lead_country": _country(payload.lead_country, "lead_country"),
    }
    activity, new = services.activity_report(
        partnership=partnership,
        by=request.auth,
        uuid=payload.uuid or uuid4(),
        attendance=[row.model_dump() for row in payload.attendance],
        attendance_reason=payload.attendance_reason,
        **fields,
    )
    return Status(201 if new else 200, activity)
