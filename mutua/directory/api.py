"""API endpoints of the directory: countries, regions, taxonomies."""

from ninja import Router, Schema

from .models import Country

router = Router(tags=["directory"])


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    region: str | None
    subregion: str | None
    intermediate_region: str | None
    groups: list[str]
    is_economy_in_transition: bool
    development_group: str
    is_party: bool

    @staticmethod
    def resolve_region(obj: Country) -> str | None:
        return obj.region.code if obj.region else None

    @staticmethod
    def resolve_subregion(obj: Country) -> str | None:
        return obj.subregion.code if obj.subregion else None

    @staticmethod
    def resolve_intermediate_region(obj: Country) -> str | None:
        return obj.intermediate_region.code if obj.intermediate_region else None


@router.get("/countries", response=list[CountryOut])
def list_countries(request):
    """Every country and area with its M49 regions and groupings."""
    return Country.objects.select_related("region", "subregion", "intermediate_region")
