"""API of the directory: reference data and organizations."""

from uuid import UUID

from django.db.models import Model
from ninja import Query
from ninja import Router
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.api import named
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.core.schemas import patch_fields

from . import access
from . import selectors
from . import services
from .models import Country
from .models import GbfGoal
from .models import GbfTarget
from .models import Language
from .models import Modality
from .models import Organization
from .models import Region
from .models import ResourceType
from .schemas import CountryOut
from .schemas import CountryQuery
from .schemas import GbfOut
from .schemas import OrganizationCreate
from .schemas import OrganizationOut
from .schemas import OrganizationPage
from .schemas import OrganizationPatch
from .schemas import OrganizationQuery
from .schemas import RegionOut
from .schemas import TermOut
from .schemas import resolve_code
from .schemas import resolve_codes

router = Router(tags=["directory"])


# Reference data ----------------------------------------------------------------


@router.get(
    "/countries",
    response={200: list[CountryOut], **error_responses()},
    **READS,
)
def list_countries(request, filters: Query[CountryQuery]):
    """Every country and area with its M49 regions and groupings."""
    if filters.region:
        resolve_code(Region, filters.region, field="region")
    queryset = selectors.countries(
        selectors.CountryFilters(region=filters.region or "", group=filters.group or "")
    )
    return queryset.select_related("intermediate_region")


@router.get(
    "/regions",
    response={200: list[RegionOut], **error_responses()},
    **READS,
)
def list_regions(request):
    """UN M49 regions, subregions and intermediate regions."""
    return Region.objects.select_related("parent").order_by("code")


@router.get(
    "/targets",
    response={200: GbfOut, **error_responses()},
    **READS,
)
def list_targets(request):
    """The 4 goals and 23 targets of the Kunming-Montreal Global Biodiversity Framework."""
    return {"goals": GbfGoal.objects.all(), "targets": GbfTarget.objects.all()}


# The vocabularies of the records, each a list of terms: path, terms, description.
VOCABULARIES = [
    ("modalities", Modality, "Modalities of technical and scientific cooperation."),
    (
        "resource-types",
        ResourceType,
        "Kinds of resources a request needs or an offer brings.",
    ),
    ("languages", Language, "ISO 639-1 languages."),
]


def _vocabulary_endpoint(path: str, model: type[Model], doc: str) -> None:
    @router.get(f"/{path}", response={200: list[TermOut], **error_responses()}, **READS)
    @named(f"list_{path.replace('-', '_')}", doc)
    def list_terms(request):
        return model.objects.all()


for path, model, doc in VOCABULARIES:
    _vocabulary_endpoint(path, model, doc)


# Organizations -----------------------------------------------------------------


@router.get(
    "/organizations",
    response={200: OrganizationPage, **error_responses()},
    **READS,
)
def list_organizations(request, filters: Query[OrganizationQuery]):
    """Organizations, with full-text search and filters, a page at a time."""
    if filters.country:
        resolve_code(Country, filters.country, field="country", key="iso3")
    resolve_codes(Region, filters.region, field="region")
    queryset = selectors.organizations(
        selectors.OrganizationFilters(
            query=filters.q,
            types=filters.type,
            regions=filters.region,
            groups=filters.group,
            country=(filters.country or "").upper(),
        )
    )
    return page_of(queryset, filters)


@router.get(
    "/organizations/{uuid}",
    response={200: OrganizationOut, **error_responses()},
    **READS,
)
def get_organization(request, uuid: UUID):
    return access.organization_for_user(request.auth, uuid)


@router.post(
    "/organizations",
    response={
        201: OrganizationOut,
        200: OrganizationOut,
        **error_responses(body=True, conflict=True),
    },
    auth=WRITE,
)
def create_organization(request, payload: OrganizationCreate):
    """Register an organization; its creator becomes its first admin.

    A replay with the same `uuid` returns the organization already made (200); the
    `uuid` of an organization the caller is not a member of answers 404; a name
    another organization of the country has answers 409.
    """
    fields = payload.model_dump()
    fields["country"] = resolve_code(
        Country, payload.country, field="country", key="iso3"
    )
    replay = (
        bool(payload.uuid) and Organization.objects.filter(uuid=payload.uuid).exists()
    )
    organization = services.organization_create(by=request.auth, **fields)
    return Status(200 if replay else 201, organization)


@router.patch(
    "/organizations/{uuid}",
    response={200: OrganizationOut, **error_responses(body=True, conflict=True)},
    auth=WRITE,
)
def update_organization(request, uuid: UUID, payload: OrganizationPatch):
    """Change an organization; only its admins may."""
    organization = access.organization_for_user(request.auth, uuid, write=True)
    fields, seen = patch_fields(payload)
    for given in (fields, seen or {}):
        if "country" in given:
            given["country"] = resolve_code(
                Country, given["country"], field="country", key="iso3"
            )
    return services.organization_update(
        organization=organization, by=request.auth, seen=seen, **fields
    )
