"""Made-up but plausible demo data: organizations, people, requests, offers, funding.

The builders are pure: each takes a `random.Random` seeded for one row, and the
reference data held in memory (`World`), and returns unsaved model instances.
Seeding a row from its own index makes a run reproducible and lets a larger scale
top up a smaller one. `seed` writes what they build; the texts and the
country-language tables live in `data/texts.json`.
"""

import datetime as dt
import json
import random
import re
import uuid as uuid_lib
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from itertools import accumulate
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from mutua.core.text import fold
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.directory.models import ResourceType

DATA = Path(__file__).resolve().parent / "data" / "texts.json"
DOMAIN = "demo.mutua.example"
# Usernames of every demo account start with this; it is how demo rows are counted.
PREFIX = "demo-"
STAFF = f"{PREFIX}staff-"
NAMESPACE = uuid_lib.UUID("6f1d0c1e-3b7a-5d0e-9a55-6d75747561de")
T = Organization.Type
ORG_TYPE_WEIGHTS = {
    T.GOVERNMENT: 16,
    T.ACADEMIC: 18,
    T.NGO: 20,
    T.IPLC: 8,
    T.GRASSROOTS: 9,
    T.PRIVATE: 8,
    T.DONOR: 7,
    T.INTERGOVERNMENTAL: 5,
    T.REGIONAL_CENTRE: 1,
}
# Countries whose personas show the demo: they get more of everything.
SHOWCASE = {"MWI": 5, "FJI": 5, "PER": 5, "SEN": 5}
MICROSTATES = {"AND", "SMR", "VAT", "LIE", "MCO"}


@cache
def texts() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def row_rng(seed: int, kind: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


def row_uuid(seed: int, kind: str, index: int) -> uuid_lib.UUID:
    return uuid_lib.uuid5(NAMESPACE, f"{seed}:{kind}:{index}")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class Pool:
    """Items drawn with weights, in O(log n) a draw."""

    def __init__(self, items: Sequence, weights: Sequence[float]):
        self.items = list(items)
        self.cum = list(accumulate(weights))

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


ORG_TYPES = Pool(list(ORG_TYPE_WEIGHTS), list(ORG_TYPE_WEIGHTS.values()))


@dataclass(frozen=True)
class Counts:
    organizations: int
    requests: int
    offers: int
    opportunities: int


def counts_for(scale: int) -> Counts:
    """Rows of each kind a scale asks for: N requests and offers, N/20 of the rest."""
    anchors = len(texts()["anchors"])
    return Counts(max(scale // 20, anchors), scale, scale, max(scale // 20, 3))


@dataclass
class World:
    """The reference data a builder needs, loaded once."""

    now: dt.datetime
    countries: dict[str, Country]
    regions: dict[str, Region]
    targets: dict[int, int]
    modalities: dict[str, int]
    resources: dict[str, int]
    languages: dict[str, int]
    by_pk: dict[int, Country] = field(init=False)
    requesters: Pool = field(init=False)
    developed: Pool = field(init=False)
    donor_countries: list[Country] = field(init=False)
    areas: dict[str, dict] = field(init=False)
    _fitting: dict = field(init=False, default_factory=dict)

    def __post_init__(self):
        data = texts()
        self.by_pk = {c.pk: c for c in self.countries.values()}
        requesters = [
            c
            for c in self.countries.values()
            if c.is_party
            and (c.is_developing or c.is_economy_in_transition)
            and coordination_region(c) is not None
        ]
        self.requesters = Pool(
            requesters,
            [
                (1 + c.is_ldc + 0.5 * c.is_sids) * SHOWCASE.get(c.iso3, 1)
                for c in requesters
            ],
        )
        developed = [
            c
            for c in self.countries.values()
            if c.development_group == Country.DevelopmentGroup.DEVELOPED
            and (c.is_party or c.iso3 == "USA")
            and c.iso3 not in MICROSTATES
        ]
        self.developed = Pool(developed, [1] * len(developed))
        self.donor_countries = [
            self.countries[iso3]
            for iso3 in data["donor_countries"]
            if iso3 in self.countries
        ]
        self.areas = {
            place: area
            for area in data["name_areas"].values()
            for place in area["places"]
        }

    def requesters_in(self, region: str | None, groups: tuple[str, ...]) -> list:
        """Requesting countries of an M49 region (any if None) in one of the groups."""
        key = (region, groups)
        if key not in self._fitting:
            self._fitting[key] = [
                c
                for c in self.requesters.items
                if (region is None or c.region.code == region)
                and (not groups or set(groups) & set(c.groups))
            ]
        return self._fitting[key]


def load_world(now: dt.datetime) -> World:
    countries = Country.objects.select_related(
        "region", "subregion", "intermediate_region"
    )
    return World(
        now=now,
        countries={c.iso3: c for c in countries},
        regions={r.code: r for r in Region.objects.all()},
        targets=dict(GbfTarget.objects.values_list("number", "pk")),
        modalities=dict(Modality.objects.values_list("code", "pk")),
        resources=dict(ResourceType.objects.values_list("code", "pk")),
        languages=dict(Language.objects.values_list("code", "pk")),
    )


# Countries, languages and names ----------------------------------------------


def coordination_region(country: Country) -> Region | None:
    """The region whose centre reviews the country's requests."""
    return country.intermediate_region or country.subregion


def text_languages(country: Country) -> list[str]:
    """The languages a country's demo texts are written in, the usual one first."""
    table = texts()["text_languages"]
    if country.iso3 in table["mixed"]:
        return table["mixed"][country.iso3]
    for language in ("fr", "es"):
        if country.iso3 in table[language]:
            return [language]
    return ["en"]


def pick_language(rng: random.Random, country: Country) -> str:
    options = text_languages(country)
    return options[0] if len(options) == 1 or rng.random() < 0.75 else options[1]


def country_forms(country: Country, language: str) -> tuple[str, str, str]:
    """The country's name, its 'in' form and its 'of' form in a language."""
    known = texts()["country_names"].get(language, {})
    if country.iso3 in known:
        return tuple(known[country.iso3])
    name = country.name
    prepositions = {"en": ("in", "of"), "es": ("en", "de"), "fr": ("en", "de")}
    at, of = prepositions[language]
    return name, f"{at} {name}", f"{of} {name}"


def region_name(region: Region, language: str) -> str:
    return texts()["region_names"].get(language, {}).get(region.code, region.name)


def person_name(rng: random.Random, world: World, country: Country) -> tuple[str, str]:
    codes = [country.iso3] + [
        r.code
        for r in (country.intermediate_region, country.subregion, country.region)
        if r
    ]
    area = next(
        (world.areas[c] for c in codes if c in world.areas),
        texts()["name_areas"]["europe"],
    )
    return rng.choice(area["first"]), rng.choice(area["last"])


def demo_user(
    username: str, email: str, first: str, last: str, joined: dt.datetime
) -> User:
    return User(
        username=username,
        email=email,
        first_name=first,
        last_name=last,
        password=make_password(None),
        date_joined=joined,
    )


def _official(
    rng: random.Random, world: World, country: Country, *, username: str, mailbox: str
) -> User:
    """The account of a focal point or a coordinator, named as people of
    `country` are and in post for four years."""
    first, last = person_name(rng, world, country)
    joined = world.now - dt.timedelta(days=4 * 365)
    return demo_user(username, f"{mailbox}@{DOMAIN}", first, last, joined)


def focal_point_for(rng: random.Random, world: World, country: Country) -> User:
    short = country_forms(country, "en")[0].removeprefix("the ")
    return _official(
        rng,
        world,
        country,
        username=f"{PREFIX}focal-{country.iso3.lower()}",
        mailbox=f"focal.{slug(short)}",
    )


def coordinator_for(
    rng: random.Random, world: World, region: Region, country: Country
) -> User:
    return _official(
        rng,
        world,
        country,
        username=f"{PREFIX}coord-{region.code}",
        mailbox=f"coordinator.{slug(region.name)}",
    )


# Organizations -----------------------------------------------------------------


@dataclass
class OrgRow:
    organization: Organization
    staff: User


def _org_country(rng: random.Random, world: World, kind: str) -> Country:
    """Donors mostly in donor countries; most others in developing countries."""
    if kind == T.DONOR and world.donor_countries and rng.random() < 0.65:
        return rng.choice(world.donor_countries)
    anywhere = {T.ACADEMIC, T.NGO, T.PRIVATE, T.INTERGOVERNMENTAL}
    if kind in anywhere and world.developed and rng.random() < 0.28:
        return world.developed.pick(rng)
    return world.requesters.pick(rng)


def _org_name(
    rng: random.Random, kind: str, country: Country, language: str, taken: set
) -> str:
    data = texts()
    bare, _, of_country = country_forms(country, language)
    region = coordination_region(country) or country.region
    for attempt in range(12):
        name = rng.choice(data["organizations"][language][kind]).format(
            country=bare,
            of_country=of_country,
            direction=rng.choice(data["directions"][language]),
            field=rng.choice(data["fields"][language]),
            region=region_name(region, language) if region else country.name,
        )
        if attempt == 11:
            name = f"{name} ({rng.randint(2, 999)})"
        if (name, country.pk) not in taken:
            break
    taken.add((name, country.pk))
    return name


def _website_host(name: str, country: Country) -> str:
    words = [w for w in slug(name).split("-") if len(w) > 2]
    acronym = "".join(w[0] for w in words)[:6] or "org"
    return f"{acronym}-{country.iso2.lower()}.example"


def build_organization(
    rng: random.Random, *, seed: int, index: int, world: World, taken: set
) -> OrgRow:
    """One organization and the staff member who speaks for it."""
    data = texts()
    if index < len(data["anchors"]):
        anchor = data["anchors"][index]
        kind, country = anchor["type"], world.countries[anchor["country"]]
        language = pick_language(rng, country)
        name = anchor["name"]
        if (name, country.pk) in taken:
            name = f"{name} (demo)"
        taken.add((name, country.pk))
    else:
        kind = ORG_TYPES.pick(rng)
        country = _org_country(rng, world, kind)
        language = pick_language(rng, country)
        name = _org_name(rng, kind, country, language, taken)
    first, second = (t[language]["topic"] for t in rng.sample(data["themes"], 2))
    description = " ".join(
        [
            data["organization_descriptions"][language][kind],
            data["organization_focus"][language].format(first=first, second=second),
        ]
    )
    created = world.now - dt.timedelta(days=rng.uniform(3 * 365 + 30, 6 * 365))
    host = _website_host(name, country)
    organization = Organization(
        uuid=row_uuid(seed, "organization", index),
        name=name,
        country=country,
        type=kind,
        website=f"https://www.{host}/",
        description=description,
        verified=rng.random() < 0.6,
        created_at=created,
        updated_at=created,
    )
    organization.search_text = organization.build_search_text()
    first, last = person_name(rng, world, country)
    local = f"{slug(first)}.{slug(last)}".replace("-", ".")
    staff = demo_user(f"{STAFF}{index}", f"{local}@{host}", first, last, created)
    return OrgRow(organization, staff)
