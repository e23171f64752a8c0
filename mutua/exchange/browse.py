"""Public lists: the filters in a query string, and the facets with their counts.

Query strings come from anyone (shared links, hand-edited URLs, crawlers), so
parsing never fails: unknown codes, non-numbers and repeats are dropped.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace

from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType

from . import selectors
from .selectors import LIST_GROUPS
from .selectors import ListFilters

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
            g: g for g in _codes(params, "group", upper=True) if g in LIST_GROUPS
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


def remembered(version: str, key: tuple, compute):
    """A count over a public list, kept until one of its records changes.

    `version` is the list's `selectors.data_version`.

    Counting a long list is the slowest part of its page, and most visits
    repeat the same few lists; a count is kept for at most FACET_CACHE_SECONDS
    (records deleted outright do not change the version).
    """
    digest = hashlib.sha256(repr((version, key)).encode()).hexdigest()
    facets = caches["facets"]
    found = facets.get(f"lists:{digest}")
    if found is None:
        found = compute()
        facets.set(f"lists:{digest}", found, settings.FACET_CACHE_SECONDS)
    return found


def count(
    public: Callable[[ListFilters], QuerySet], filters: ListFilters, *, version: str
) -> int:
    return remembered(version, ("count", filters), lambda: public(filters).count())


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
    version: str,
) -> list[Facet]:
    """Each facet counted over the list narrowed by every other facet.

    Choices within a facet widen the list (any of them), so a facet's own
    choices must not narrow its counts.
    """

    def counts(name: str, base: ListFilters) -> list[tuple[str, str, int]]:
        country_facet = name in ("regions", "subregions", "groups")
        found = remembered(
            version,
            (country_path, country_facet or name, base),
            lambda: (
                selectors.country_counts(public(base), country_path=country_path)
                if country_facet
                else {name: selectors.linked_counts(public(base), name)}
            ),
        )
        return found[name]

    found = []
    for param, key, name, field, legend in FACETS:
        if name not in names:
            continue
        rows = counts(name, replace(filters, **{field: []}))
        seen = {code for code, _label, _n in rows}
        rows = rows + [
            (c, label, 0) for c, label in chosen[key].items() if c not in seen
        ]
        if name == "targets":
            rows = sorted(
                ((c, f"{c} — {label}", n) for c, label, n in rows),
                key=lambda row: int(row[0]),
            )
        options = [(c, label, n, c in chosen[key]) for c, label, n in rows]
        if options:
            found.append(Facet(param, legend, options))
    if "groups" in names:
        # The labels are the groups' abbreviations, which differ by language.
        options = [
            (g, pgettext("abbreviation", label), n, g in chosen["group"])
            for g, label, n in counts("groups", filters)
        ]
        found.append(Facet("group", _("Country group"), options))
    return found
