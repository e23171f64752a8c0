"""Load the shipped reference data (see data/README.md for every source).

Idempotent: rows are matched on their codes and updated in place.
"""

import csv
import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from .models import Country
from .models import GbfGoal
from .models import GbfTarget
from .models import Language
from .models import Modality
from .models import Region
from .models import ResourceType
from .models import TargetGroup

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def country_codes() -> list[str]:
    """ISO alpha-3 codes of the countries and areas the platform knows."""
    return [row["ISO-alpha3 Code"] for row in _rows("m49.csv")]


def region_codes() -> list[str]:
    """M49 codes of the regions, subregions and intermediate regions."""
    columns = ("Region Code", "Sub-region Code", "Intermediate Region Code")
    return sorted({row[c] for row in _rows("m49.csv") for c in columns} - {""})


def term_codes(name: str) -> list[str]:
    """Codes of a list of terms: modalities, resource types, target groups."""
    return [row["code"] for row in _rows(name)]


def _is_active(row: dict[str, str]) -> bool:
    return row.get("status", "active") == "active"


def language_codes() -> list[str]:
    """ISO 639-1 codes of the languages still in use."""
    return [row["code"] for row in _rows("languages.csv") if _is_active(row)]


def _region(code: str, name: str, level: str, parent: Region | None) -> Region | None:
    if not code:
        return None
    region, _ = Region.objects.update_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return region


def load_countries(*, today: dt.date) -> int:
    transition = {row["iso3"] for row in _rows("economies_in_transition.csv")}
    graduated = {
        row["iso3"]
        for row in _rows("ldc_graduations.csv")
        if dt.date.fromisoformat(row["graduation_date"]) <= today
    }
    count = 0
    for row in _rows("m49.csv"):
        region = _region(
            row["Region Code"], row["Region Name"], Region.Level.REGION, None
        )
        subregion = _region(
            row["Sub-region Code"],
            row["Sub-region Name"],
            Region.Level.SUBREGION,
            region,
        )
        intermediate = _region(
            row["Intermediate Region Code"],
            row["Intermediate Region Name"],
            Region.Level.INTERMEDIATE,
            subregion,
        )
        iso3 = row["ISO-alpha3 Code"]
        Country.objects.update_or_create(
            iso3=iso3,
            defaults={
                "iso2": row["ISO-alpha2 Code"],
                "m49": row["M49 Code"],
                "name": row["Country or Area"],
                "region": region,
                "subregion": subregion,
                "intermediate_region": intermediate,
                "is_ldc": row["Least Developed Countries (LDC)"] == "x"
                and iso3 not in graduated,
                "is_lldc": row["Land Locked Developing Countries (LLDC)"] == "x",
                "is_sids": row["Small Island Developing States (SIDS)"] == "x",
                "is_economy_in_transition": iso3 in transition,
                "development_group": row["Developed / Developing Countries"].lower(),
                "is_party": row["CBD Party"] == "x",
            },
        )
        count += 1
    return count


def load_gbf() -> int:
    with open(DATA / "gbf_targets.json", encoding="utf-8") as f:
        gbf = json.load(f)
    fields = ("title", "short_title", "text")
    for goal in gbf["goals"]:
        GbfGoal.objects.update_or_create(
            code=goal["code"], defaults={k: goal[k] for k in fields}
        )
    for target in gbf["targets"]:
        GbfTarget.objects.update_or_create(
            number=target["number"], defaults={k: target[k] for k in fields}
        )
    return len(gbf["goals"]) + len(gbf["targets"])


def load_terms() -> int:
    count = 0
    for model, name in (
        (Modality, "modalities.csv"),
        (ResourceType, "resource_types.csv"),
        (TargetGroup, "target_groups.csv"),
    ):
        for row in _rows(name):
            model.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"]}
            )
            count += 1
    for row in _rows("languages.csv"):
        if _is_active(row):
            Language.objects.update_or_create(
                code=row["code"], defaults={"name": plain_name(row["name"])}
            )
            count += 1
    return count


def plain_name(iso_name: str) -> str:
    """The language's everyday name: "Spanish", not "Spanish; Castilian".

    ISO 639 lists alternate names after semicolons, and inverts some ("Ndebele,
    North; North Ndebele"): the first name not inverted is the plain one.
    """
    names = [name.strip() for name in iso_name.split(";")]
    return next((name for name in names if "," not in name), names[0])


def load_country_languages() -> int:
    """Each country's official languages, by ISO 639-1 code (see data/README.md)."""
    languages = {language.code: language for language in Language.objects.all()}
    countries = {country.iso3: country for country in Country.objects.all()}
    rows = _rows("country_languages.csv")
    for row in rows:
        countries[row["iso3"]].languages.set(
            [languages[code] for code in row["languages"].split()]
        )
    return len(rows)


@transaction.atomic
def load_reference(*, today: dt.date) -> dict[str, int]:
    return {
        "countries": load_countries(today=today),
        "gbf": load_gbf(),
        "terms": load_terms(),
        "country languages": load_country_languages(),
    }
