"""Reads that turn records into the engine's plain data."""

from mutua.directory.models import (
    Country,
    GbfTarget,
    Language,
    Modality,
    Region,
    ResourceType,
)

from .evaluation import Codes
from .places import Place


def places() -> dict[str, Place]:
    """Every country with its M49 areas and groups, by ISO alpha-3 code."""
    rows = Country.objects.select_related("region", "subregion", "intermediate_region")
    found = {}
    for country in rows:
        groups = {
            group
            for group, flag in (
                ("LDC", country.is_ldc),
                ("LLDC", country.is_lldc),
                ("SIDS", country.is_sids),
                ("developing", country.development_group == "developing"),
            )
            if flag
        }
        areas = (country.region, country.subregion, country.intermediate_region)
        found[country.iso3] = Place(
            iso3=country.iso3,
            name=country.name,
            region=areas[0].code if areas[0] else "",
            subregion=areas[1].code if areas[1] else "",
            intermediate=areas[2].code if areas[2] else "",
            groups=frozenset(groups),
            region_name=areas[0].name if areas[0] else "",
            subregion_name=areas[1].name if areas[1] else "",
            intermediate_name=areas[2].name if areas[2] else "",
        )
    return found


def codes() -> Codes:
    """The codes a matching data set may use, from the reference data."""
    return Codes(
        countries=frozenset(Country.objects.values_list("iso3", flat=True)),
        areas=frozenset(Region.objects.values_list("code", flat=True)),
        targets=frozenset(GbfTarget.objects.values_list("number", flat=True)),
        modalities=frozenset(Modality.objects.values_list("code", flat=True)),
        resources=frozenset(ResourceType.objects.values_list("code", flat=True)),
        languages=frozenset(Language.objects.values_list("code", flat=True)),
    )
