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


def _upsert(model, rows: list[dict], *, key: str) -> dict:
    """Insert the rows, or update in place those whose `key` exists: one query
    however many rows. Returns {key: instance} of the rows given."""
    if not rows:
        return {}
    model.objects.bulk_create(
        [model(**row) for row in rows],
        update_conflicts=True,
        unique_fields=[key],
        update_fields=[field for field in rows[0] if field != key],
    )
    return model.objects.in_bulk([row[key] for row in rows], field_name=key)


LEVELS = (
    ("Region", Region.Level.REGION),
    ("Sub-region", Region.Level.SUBREGION),
    ("Intermediate Region", Region.Level.INTERMEDIATE),
)


def _load_regions(m49: list[dict[str, str]]) -> dict[str, Region]:
    """The M49 areas, level by level so that each finds its parent."""
    found: dict[str, Region] = {}
    parent = None
    for column, level in LEVELS:
        rows = {
            row[f"{column} Code"]: {
                "code": row[f"{column} Code"],
                "name": row[f"{column} Name"],
                "level": level,
                "parent": found.get(row[f"{parent} Code"]) if parent else None,
            }
            for row in m49
            if row[f"{column} Code"]
        }
        found |= _upsert(Region, list(rows.values()), key="code")
        parent = column
    return found


def load_countries(*, today: dt.date) -> int:
    transition = {row["iso3"] for row in _rows("economies_in_transition.csv")}
    graduated = {
        row["iso3"]
        for row in _rows("ldc_graduations.csv")
        if dt.date.fromisoformat(row["graduation_date"]) <= today
    }
    m49 = _rows("m49.csv")
    regions = _load_regions(m49)
    rows = []
    for row in m49:
        iso3 = row["ISO-alpha3 Code"]
        rows.append(
            {
                "iso3": iso3,
                "iso2": row["ISO-alpha2 Code"],
                "m49": row["M49 Code"],
                "name": row["Country or Area"],
                "region": regions.get(row["Region Code"]),
                "subregion": regions.get(row["Sub-region Code"]),
                "intermediate_region": regions.get(row["Intermediate Region Code"]),
                "is_ldc": row["Least Developed Countries (LDC)"] == "x"
                and iso3 not in graduated,
                "is_lldc": row["Land Locked Developing Countries (LLDC)"] == "x",
                "is_sids": row["Small Island Developing States (SIDS)"] == "x",
                "is_economy_in_transition": iso3 in transition,
                "development_group": row["Developed / Developing Countries"].lower(),
                "is_party": row["CBD Party"] == "x",
            }
        )
    return len(_upsert(Country, rows, key="iso3"))


def _translations() -> dict[str, dict[str, dict[str, str]]]:
    """{dataset: {code: {language: name}}} of `translations.json`."""
    with open(DATA / "translations.json", encoding="utf-8") as f:
        return json.load(f)["datasets"]


def load_gbf() -> int:
    with open(DATA / "gbf_targets.json", encoding="utf-8") as f:
        gbf = json.load(f)
    names = _translations()
    fields = ("title", "short_title", "text")
    goals = [
        {"code": g["code"], "short_titles": names["gbf_goals"][g["code"]]}
        | {k: g[k] for k in fields}
        for g in gbf["goals"]
    ]
    targets = [
        {"number": t["number"], "short_titles": names["gbf_targets"][str(t["number"])]}
        | {k: t[k] for k in fields}
        for t in gbf["targets"]
    ]
    return len(_upsert(GbfGoal, goals, key="code")) + len(
        _upsert(GbfTarget, targets, key="number")
    )


def load_terms() -> int:
    count = 0
    names = _translations()
    for model, name in (
        (Modality, "modalities"),
        (ResourceType, "resource_types"),
        (TargetGroup, "target_groups"),
    ):
        rows = [
            {
                "code": row["code"],
                "name": row["name"],
                "names": names[name][row["code"]],
            }
            for row in _rows(f"{name}.csv")
        ]
        count += len(_upsert(model, rows, key="code"))
    languages = [
        {"code": row["code"], "name": plain_name(row["name"])}
        for row in _rows("languages.csv")
        if _is_active(row)
    ]
    return count + len(_upsert(Language, languages, key="code"))


def plain_name(iso_name: str) -> str:
    """The language's everyday name: "Spanish", not "Spanish; Castilian".

    ISO 639 lists alternate names after semicolons, and inverts some ("Ndebele,
    North; North Ndebele"): the first name not inverted is the plain one.
    """
    names = [name.strip() for name in iso_name.split(";")]
    return next((name for name in names if "," not in name), names[0])


def load_country_languages() -> int:
    """Each listed country's official languages, by ISO 639-1 code (see
    data/README.md); the languages of a country the file does not list stay."""
    languages = dict(Language.objects.values_list("code", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    rows = _rows("country_languages.csv")
    wanted = {
        (countries[row["iso3"]], languages[code])
        for row in rows
        for code in row["languages"].split()
    }
    through = Country.languages.through
    listed = through.objects.filter(country_id__in={pair[0] for pair in wanted})
    kept = set(listed.values_list("country_id", "language_id"))
    for country, language in kept - wanted:
        through.objects.filter(country_id=country, language_id=language).delete()
    through.objects.bulk_create(
        through(country_id=country, language_id=language)
        for country, language in wanted - kept
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
