"""Public lists: the filters in a query string, and the facets with their counts.

Query strings come from anyone (shared links, hand-edited URLs, crawlers), so
parsing never fails: unknown codes, non-numbers and repeats are dropped.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from mutua.directory.models import (
    Country,
    GbfTarget,
    Language,
    Modality,
    Region,
    ResourceType,
)

from . import selectors
from .selectors import GROUP_FLAGS, ListFilters

CODE = re.compile(r"[\w-]{1,40}", re.ASCII)
NUMBER = re.compile(r"\d{1,3}", re.ASCII)
MAX_VALUES = 30  # per parameter; more is not a person choosing
MAX_QUERY = 200

FACETS = [  # query parameter, chosen key, facet, ListFilters field, legend
    ("target", "target", "targets", "targets", _("GBF target")),
    ("modality", "modality", "modalities", "modalities", _("Modality")),
    ("resource", "resource", "resources", "resources", _("Resource type")),
    ("language", "language", "languages", "languages", _("Language")),
    ("region", "region", "regions", "regions", _("Region")),
    ("region", "subregion", "subregions", "regions", _("Subregion")),
]


def _codes(params: QueryDict, name: str, *, upper: bool = False) -> list[str]:
    values = [v.strip() for v in params.getlist(name)[:MAX_VALUES]]
    values = [v.upper() if upper else v for v in values]
    return [v for v in dict.fromkeys(values) if CODE.fullmatch(v)]


def _known(model, field: str, codes: list, label: str = "name") -> dict[str, str]:
    if not codes:
        return {}
    rows = model.objects.filter(**{f"{field}__in": codes}).values_list(field, label)
    return {str(code): name for code, name in rows}


def _regions(codes: list[str]) -> dict[str, dict[str, str]]:
    rows = (
        Region.objects.filter(code__in=codes).values_list("code", "name", "level")
        if codes
        else []
    )
    top = Region.Level.REGION
    return {
        "region": {code: name for code, name, level in rows if level == top},
        "subregion": {code: name for code, name, level in rows if level != top},
    }


def list_filters(params: QueryDict) -> tuple[ListFilters, dict[str, dict[str, str]]]:
    """The filters of a public list from its query string, and the chosen labels."""
    query = "".join(ch for ch in params.get("q", "") if ch.isprintable() or ch == " ")
    query = " ".join(query.split())[:MAX_QUERY]
    numbers = [v for v in params.getlist("target")[:MAX_VALUES] if NUMBER.fullmatch(v)]
    chosen = {
        "target": _known(GbfTarget, "number", [int(v) for v in numbers], "short_title"),
        "modality": _known(Modality, "code", _codes(params, "modality")),
        "resource": _known(ResourceType, "code", _codes(params, "resource")),
        "language": _known(Language, "code", _codes(params, "language")),
        **_regions(_codes(params, "region")),
        "country": _known(Country, "iso3", _codes(params, "country", upper=True)),
        "group": {
            g: g for g in _codes(params, "group", upper=True) if g in GROUP_FLAGS
        },
    }
    filters = ListFilters(
        query=query,
        targets=[int(n) for n in chosen["target"]],
        modalities=list(chosen["modality"]),
        resources=list(chosen["resource"]),
        languages=list(chosen["language"]),
        regions=[*chosen["region"], *chosen["subregion"]],
        countries=list(chosen["country"]),
        groups=list(chosen["group"]),
    )
    return filters, chosen


@dataclass
class Facet:
    param: str
    legend: str
    options: list[tuple[str, str, int, bool]]  # code, label, count, chosen

    @property
    def open(self) -> bool:
        return any(chosen for *_rest, chosen in self.options)


def facets(
    public: Callable[[ListFilters], QuerySet],
    filters: ListFilters,
    chosen: dict[str, dict[str, str]],
    *,
    names: tuple[str, ...],
    country_path: str,
) -> list[Facet]:
    """Each facet counted over the list narrowed by every other facet.

    Choices within a facet widen the list (any of them), so a facet's own
    choices must not narrow its counts.
    """
    found = []
    for param, key, name, field, legend in FACETS:
        if name not in names:
            continue
        base = public(replace(filters, **{field: []}))
        rows = selectors.facet_counts(base, name, country_path=country_path)
        seen = {code for code, _label, _n in rows}
        rows += [(c, label, 0) for c, label in chosen[key].items() if c not in seen]
        if name == "targets":
            rows = sorted(
                ((c, f"{c} — {label}", n) for c, label, n in rows),
                key=lambda row: int(row[0]),
            )
        options = [(c, label, n, c in chosen[key]) for c, label, n in rows]
        if options:
            found.append(Facet(param, legend, options))
    if "groups" in names:
        rows = selectors.group_counts(public(filters), country_path=country_path)
        # The labels are the groups' abbreviations, which differ by language.
        options = [
            (g, pgettext("abbreviation", label), n, g in chosen["group"])
            for g, label, n in rows
        ]
        found.append(Facet("group", _("Country group"), options))
    return found
