"""Demo requests, offers and funding opportunities, built row by row from a seed.

Every row follows the field rules of `services` and a path through the lifecycle
of `lifecycle`, with plausible timestamps over the last three years: the
transitions it carries are the ones the services would have recorded.
"""

import datetime as dt
import random
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.contrib.auth.models import User

from mutua.directory.models import Country
from mutua.directory.models import CountryGroup
from mutua.directory.models import Organization
from mutua.exchange.models import Beneficiary
from mutua.exchange.models import IplcLands
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request

from .world import OrgRow
from .world import Pool
from .world import World
from .world import coordination_region
from .world import country_forms
from .world import pick_language
from .world import row_uuid
from .world import texts

R = Request.Status
O = Offer.Status  # noqa: E741 — opportunities share the offer lifecycle
T = Organization.Type
REQUEST_STATUSES = Pool(
    [
        R.PUBLISHED,
        R.DRAFT,
        R.SUBMITTED,
        R.UNDER_REVIEW,
        R.CLARIFICATION,
        R.WITHDRAWN,
        R.REJECTED,
        R.CLOSED,
    ],
    [56, 9, 5, 9, 5, 6, 5, 5],
)
IN_FLIGHT = {R.DRAFT, R.SUBMITTED, R.UNDER_REVIEW, R.CLARIFICATION}
OFFER_STATUSES = Pool(
    [O.PUBLISHED, O.DRAFT, O.PAUSED, O.EXPIRED, O.WITHDRAWN], [74, 7, 6, 9, 4]
)
OPPORTUNITY_STATUSES = Pool(
    [O.PUBLISHED, O.DRAFT, O.PAUSED, O.EXPIRED, O.WITHDRAWN], [72, 6, 4, 15, 3]
)
LEVELS = Pool(list(Request.Level), [15, 25, 50, 10])
ELIGIBILITY = Pool(
    [[], [CountryGroup.LDC], [CountryGroup.SIDS], ["LDC", "SIDS"], ["developing"]],
    [45, 18, 10, 12, 15],
)
BUDGETS = [15_000, 25_000, 40_000, 60_000, 100_000, 150_000, 250_000, 400_000]
GRANTS = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000]
EURO = {"DEU", "FRA", "NLD", "FIN", "BEL", "ESP", "ITA", "IRL", "LUX", "AUT"}
REQUESTER_TYPES = {T.GOVERNMENT, T.ACADEMIC, T.NGO, T.IPLC, T.GRASSROOTS}
PROVIDER_WEIGHTS = {
    T.ACADEMIC: 3,
    T.NGO: 2,
    T.INTERGOVERNMENTAL: 2,
    T.REGIONAL_CENTRE: 2,
    T.GOVERNMENT: 2,
    T.PRIVATE: 1.2,
    T.IPLC: 1,
    T.DONOR: 0.8,
    T.GRASSROOTS: 0.5,
}


@dataclass
class Cast:
    """Who writes the demo listings: organizations with their staff, and officials."""

    world: World
    orgs: list[OrgRow]
    focal_points: dict[int, User]
    coordinators: dict[int, User]
    requester_orgs: Pool = field(init=False)
    provider_orgs: Pool = field(init=False)
    funder_orgs: Pool = field(init=False)
    donors: list[Organization] = field(init=False)

    def __post_init__(self):
        countries = self.world.by_pk
        requesters = [
            row
            for row in self.orgs
            if row.organization.type in REQUESTER_TYPES
            and row.organization.country_id in self.focal_points
        ]
        self.requester_orgs = Pool(requesters, [1] * len(requesters))
        self.provider_orgs = Pool(
            self.orgs, [PROVIDER_WEIGHTS[r.organization.type] for r in self.orgs]
        )
        funders = [
            r
            for r in self.orgs
            if r.organization.type in {T.DONOR, T.INTERGOVERNMENTAL}
        ]
        self.funder_orgs = Pool(funders, [1] * len(funders))
        self.donors = [
            r.organization
            for r in funders
            if r.organization.type == T.DONOR
            and not countries[r.organization.country_id].is_developing
        ]

    def reviewer(self, country: Country) -> User | None:
        region = coordination_region(country)
        return self.coordinators.get(region.pk) if region else None


class Move(NamedTuple):
    """A lifecycle transition, as `services` records it; `by` None is the system."""

    action: str
    from_status: str
    to_status: str
    by: User | None
    at: dt.datetime
    reason: str = ""


@dataclass
class Built:
    """An unsaved record with its many-to-many ids and its recorded transitions."""

    obj: Request | Offer | Opportunity
    m2m: dict[str, list[int]]
    moves: list[Move]


def span_days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def sample_some(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, k=min(len(items), rng.randint(low, high)))


@cache
def _themes(inland: bool, island: bool) -> Pool:
    """Themes that fit a country: no reefs inland, more of the sea on islands."""
    themes = [t for t in texts()["themes"] if not (inland and t["habitat"] == "coast")]
    return Pool(
        themes, [2.5 if island and t["habitat"] == "coast" else 1 for t in themes]
    )


def theme_for(rng: random.Random, country: Country) -> dict:
    inland = country.iso3 in texts()["landlocked"]
    return _themes(inland, country.is_sids).pick(rng)


def fill_for(rng: random.Random, country: Country, language: str, theme: dict) -> dict:
    name, in_country, of_country = country_forms(country, language)
    places = texts()["places"][language]
    return {
        "where": rng.choice(places[theme["habitat"]]),
        "country": name,
        "in_country": in_country,
        "of_country": of_country,
        "topic": theme[language]["topic"],
    }


def language_ids_for(
    rng: random.Random, world: World, country: Country, language: str, local: bool
) -> list[int]:
    codes = [language]
    if language != "en" and rng.random() < 0.35:
        codes.append("en")
    extra = texts()["local_languages"].get(country.iso3, [])
    if extra and (local or rng.random() < 0.15):
        codes.append(extra[0])
    return [world.languages[c] for c in codes if c in world.languages]


def m2m_for(world: World, theme: dict, rng: random.Random, tsc: float) -> tuple:
    """Targets, modalities and resources of a theme, and the main target's number."""
    targets = sample_some(rng, theme["targets"], 1, 3)
    if 20 not in targets and rng.random() < tsc:
        targets.append(20)
    modalities = sample_some(rng, theme["modalities"], 1, 3)
    resources = sample_some(rng, theme["resources"], 1, 2)
    return {
        "targets": [world.targets[n] for n in targets],
        "modalities": [world.modalities[c] for c in modalities],
        "resources": [world.resources[c] for c in resources],
    }, targets[0]


def _iplc_answer(rng: random.Random, beneficiaries: list) -> str:
    """Yes for some requests serving IPLCs, "not known" for a few, else no."""
    if Beneficiary.IPLC not in beneficiaries:
        return IplcLands.NO
    draw = rng.random()
    if draw < 0.4:
        return IplcLands.YES
    return IplcLands.UNKNOWN if draw < 0.55 else IplcLands.NO


def reason_for(rng: random.Random, language: str, action: str) -> str:
    return rng.choice(texts()["common"][language]["reasons"].get(action, [""]))


# Requests ---------------------------------------------------------------------


def _request_steps(rng: random.Random, status: str, self_endorsed: bool) -> list:
    """(action, from, to, actor, days since the step before) from draft to `status`.

    A focal point's own submission goes straight to review, as in `services`.
    """

    def step(action: str, source: str, to: str, actor: str, days: tuple) -> tuple:
        return action, source, to, actor, rng.uniform(*days)

    steps = [("create", "", R.DRAFT, "owner", 0.0)]
    leave = rng.choice([R.DRAFT, R.UNDER_REVIEW, R.PUBLISHED])
    if status == R.WITHDRAWN and leave == R.DRAFT:
        return [*steps, step("withdraw", R.DRAFT, R.WITHDRAWN, "owner", (5, 90))]
    if status == R.DRAFT:
        return steps
    if self_endorsed:
        steps.append(step("submit", R.DRAFT, R.UNDER_REVIEW, "owner", (1, 30)))
    else:
        steps.append(step("submit", R.DRAFT, R.SUBMITTED, "owner", (1, 30)))
        if status == R.SUBMITTED:
            return steps
        steps.append(step("endorse", R.SUBMITTED, R.UNDER_REVIEW, "focal", (1, 21)))
    if status == R.UNDER_REVIEW:
        return steps
    if status == R.WITHDRAWN and leave == R.UNDER_REVIEW:
        return [*steps, step("withdraw", R.UNDER_REVIEW, R.WITHDRAWN, "owner", (3, 60))]
    clarify = step("clarify", R.UNDER_REVIEW, R.CLARIFICATION, "reviewer", (3, 30))
    if status == R.CLARIFICATION:
        return [*steps, clarify]
    if rng.random() < 0.15:
        back = step("submit", R.CLARIFICATION, R.UNDER_REVIEW, "owner", (5, 40))
        steps += [clarify, back]
    if status == R.REJECTED:
        return [*steps, step("reject", R.UNDER_REVIEW, R.REJECTED, "reviewer", (5, 40))]
    steps.append(step("publish", R.UNDER_REVIEW, R.PUBLISHED, "reviewer", (3, 45)))
    if status == R.CLOSED:
        closer = rng.choice(["reviewer", "owner"])
        steps.append(step("close", R.PUBLISHED, R.CLOSED, closer, (200, 500)))
    if status == R.WITHDRAWN:
        steps.append(step("withdraw", R.PUBLISHED, R.WITHDRAWN, "owner", (10, 200)))
    return steps


def _timeline(rng: random.Random, now: dt.datetime, steps: list, recent: float) -> list:
    """When each step happened: the last within `recent` days, all within 3 years."""
    total = sum(s[4] for s in steps)
    age = rng.uniform(0.2, recent) if recent else rng.uniform(1, max(2, 1090 - total))
    at = now - span_days(age + total) + dt.timedelta(minutes=rng.randint(0, 600))
    times = []
    for step in steps:
        at = min(at + span_days(step[4]), now)
        times.append(at)
    return times


def pick_author(rng: random.Random, cast: Cast, orgs, share: float):
    """(organization, owner, country): an organization's staff, else a focal point."""
    if orgs and rng.random() < share:
        row = orgs.pick(rng)
        organization = row.organization
        return organization, row.staff, cast.world.by_pk[organization.country_id]
    country = cast.world.requesters.pick(rng)
    return None, cast.focal_points[country.pk], country


def build_request(rng: random.Random, *, seed: int, index: int, cast: Cast) -> Built:
    """One request of a developing country, by an organization or the focal point."""
    world = cast.world
    organization, owner, country = pick_author(rng, cast, cast.requester_orgs, 0.7)
    theme = theme_for(rng, country)
    language = pick_language(rng, country)
    status = REQUEST_STATUSES.pick(rng)
    m2m, target = m2m_for(world, theme, rng, tsc=0.35)
    fill = fill_for(rng, country, language, theme) | {"target": target}
    own, common = theme[language], texts()["common"][language]

    def say(key: str, chance: float = 1.0, pool: dict = common) -> str:
        return rng.choice(pool[key]).format_map(fill) if rng.random() < chance else ""

    beneficiaries = sample_some(rng, theme["beneficiaries"], 1, 3)
    for extra in (Beneficiary.WOMEN, Beneficiary.YOUTH):
        if extra not in beneficiaries and rng.random() < 0.25:
            beneficiaries.append(extra)
    level = LEVELS.pick(rng)
    local = level in {Request.Level.LOCAL, Request.Level.SUBNATIONAL} or (
        Beneficiary.IPLC in beneficiaries
    )
    m2m["languages"] = language_ids_for(rng, world, country, language, local)
    steps = _request_steps(rng, status, self_endorsed=organization is None)
    recent = (150 if status == R.DRAFT else 60) if status in IN_FLIGHT else 0
    times = _timeline(rng, world.now, steps, recent)
    actors = {
        "owner": owner,
        "focal": cast.focal_points.get(country.pk),
        "reviewer": cast.reviewer(country),
    }
    request = Request(
        uuid=row_uuid(seed, "request", index),
        title=say("titles", pool=own),
        contact_name=owner.get_full_name(),
        contact_email=owner.email,
        created_by=owner,
        status=status,
        status_changed_at=times[-1],
        country=country,
        organization=organization,
        challenge=say("challenges", pool=own),
        barriers=say("barriers", 0.9, own),
        assistance_sought=say("assistance", 0.95, own),
        national_priorities=say("national_priorities", 0.85),
        thematic_areas=own["areas"],
        level=level,
        beneficiaries=beneficiaries,
        beneficiaries_detail=say("beneficiaries_detail", 0.7),
        other_governments=say("other_governments", 0.5),
        existing_initiatives=say("existing_initiatives", 0.8),
        other_programmes=say("other_programmes", 0.7),
        objectives=say("objectives", 0.9),
        activities=say("activities", 0.85),
        expected_outputs=say("outputs", 0.8),
        expected_outcomes=say("outcomes", 0.75),
        indicators=say("indicators", 0.7),
        co_financing=say("co_financing", 0.75),
        touches_iplc_lands=_iplc_answer(rng, beneficiaries),
        created_at=times[0],
        updated_at=times[-1],
    )
    if rng.random() < 0.65:
        amount = round(rng.choice(BUDGETS) * rng.uniform(0.8, 1.25), -3)
        request.budget_amount = Decimal(int(amount))
        request.budget_currency = (
            "EUR" if language == "fr" and rng.random() < 0.3 else "USD"
        )
    moves = []
    for (action, source, to, actor, _), at in zip(steps, times, strict=True):
        by = actors[actor]
        endorses = action == "endorse" or (action == "submit" and organization is None)
        if endorses and request.endorsed_at is None:
            request.endorsed_by, request.endorsed_at = by, at
        if action == "publish":
            request.published_at = at
        needs = action in {"clarify", "reject", "close"} or (
            action == "withdraw" and rng.random() < 0.6
        )
        reason = reason_for(rng, language, action) if needs else ""
        moves.append(Move(action, source, to, by, at, reason))
    start = (request.published_at or times[0]) + span_days(rng.uniform(60, 240))
    if rng.random() < 0.8:
        request.start_date = start.date()
        request.end_date = (start + span_days(rng.uniform(180, 1095))).date()
    request.search_text = request.build_search_text()
    return Built(request, m2m, moves)
