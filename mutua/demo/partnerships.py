"""Demo partnerships: who takes part, when, and the matches some come from.

Builders are pure but for `find_pairs`: each takes a generator seeded for one row
and the `Kit` held in memory, and returns unsaved rows linked by object, which
`demo.write` saves in order. The cooperation type, country and regional
coordination come from `models.partnerships.decided_by`, the rule
`Partnership.derived` uses.
"""

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Model

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models.partnerships import decided_by
from mutua.demo.listings import Cast
from mutua.demo.world import PREFIX
from mutua.demo.world import Pool
from mutua.demo.world import World
from mutua.demo.world import coordination_region
from mutua.demo.world import country_forms
from mutua.demo.world import row_uuid
from mutua.demo.world import texts
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.matching.engine.data import Candidate
from mutua.matching.engine.scoring import Engine
from mutua.matching.models import Match
from mutua.matching.selectors import engine_data

YEARS = 5
# Partnerships entered directly, by how many years before this one they started.
YEARS_AGO = Pool(range(YEARS - 1, -1, -1), [9, 13, 18, 24, 30])
ENGINE_OFFERS = 5_000  # offers the engine ranks among: enough choice, built fast
BATCH = 500
T, R = Organization.Type, Participant.Role
# (provider side, beneficiary side), True for the South.
SIDES = {
    "south_south": (True, True),
    "triangular": (True, True),
    "north_south": (False, True),
    "south_north": (True, False),
    "north_north": (False, False),
}
KINDS = Pool(list(SIDES), [38, 22, 24, 9, 7])
BENEFICIARY_TYPES = [T.GOVERNMENT, T.ACADEMIC, T.NGO, T.IPLC, T.GRASSROOTS]
# Not intergovernmental bodies: they are never a side, so never the provider.
PROVIDER_TYPES = [T.ACADEMIC, T.NGO, T.GOVERNMENT, T.PRIVATE, T.REGIONAL_CENTRE]
ORIGINS = Pool(["engine", "coordinator", "helpdesk"], [6, 3, 1])


@dataclass
class Kit:
    """What the builders draw from, loaded once."""

    cast: Cast
    today: dt.date
    target_groups: dict[str, int]  # by code
    orgs: dict[tuple[str, bool], list[Organization]] = field(default_factory=dict)
    south: Pool = field(init=False)
    _joined: dict = field(default_factory=dict)

    def __post_init__(self):
        world = self.cast.world
        for row in self.cast.orgs:
            organization = row.organization
            # Cached, so that a participant's place needs no query.
            organization.country = world.by_pk[organization.country_id]
            key = (organization.type, organization.country.is_developing)
            self.orgs.setdefault(key, []).append(organization)
        southern = [c for c in world.requesters.items if c.is_developing]
        self.south = Pool(southern, [1] * len(southern))

    @property
    def world(self) -> World:
        return self.cast.world

    def organization(self, rng, types, south: bool) -> Organization | None:
        """A demo organization of one of these types, in the South or the North."""
        key = (tuple(types), south)
        if key not in self._joined:
            self._joined[key] = [
                o for t in types for o in self.orgs.get((t, south), [])
            ]
        found = self._joined[key]
        return rng.choice(found) if found else None

    def country(self, rng, south: bool) -> Country:
        return (self.south if south else self.world.developed).pick(rng)


@dataclass
class Built:
    """A partnership and its rows, unsaved, linked by object until written."""

    partnership: Partnership
    members: list[Participant]
    targets: list[int]
    topic: str
    match: Match | None = None
    # Each activity with its languages' and target groups' keys and its
    # attendance rows (stakeholder type, role, gender, count).
    activities: list[tuple[Activity, list[int], list[int], list[tuple]]] = field(
        default_factory=list
    )
    results: list[tuple[Model, list[Participant]]] = field(default_factory=list)


@dataclass(frozen=True)
class Pair:
    """An accepted match's request and offer, and how the engine ranked the offer."""

    request: Request
    offer: Offer
    candidate: Candidate
    targets: list[int]


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def moment_on(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(7, 18), rng.randint(0, 59)), dt.UTC
    )


# Participants --------------------------------------------------------------------


def _party(rng, kit: Kit, role: str, south: bool, types) -> Participant:
    """A demo organization of these types on that side, else a country alone."""
    organization = kit.organization(rng, types, south)
    if organization and rng.random() < 0.8:
        return Participant(role=role, organization=organization)
    return Participant(role=role, country=kit.country(rng, south))


def _supporters(rng, kit: Kit, kind: str, beneficiary: Country) -> list[Participant]:
    """Funders, facilitators and a coordinating centre fitting the type sought.

    South-South cooperation keeps to the South: a developed-country or
    intergovernmental supporter would make it triangular.
    """
    southern = kind == "south_south"
    found = []
    body = kit.organization(rng, [T.INTERGOVERNMENTAL], True) or kit.organization(
        rng, [T.INTERGOVERNMENTAL], False
    )
    if kind == "triangular" and body and rng.random() < 0.5:
        found.append(Participant(role=R.FACILITATOR, organization=body))
    elif kind == "triangular" or (kind == "north_south" and rng.random() < 0.5):
        found.append(_party(rng, kit, R.FUNDER, False, [T.DONOR]))
    elif not southern and body and rng.random() < 0.12:
        found.append(Participant(role=R.FACILITATOR, organization=body))
    if rng.random() < 0.3:
        found.append(_centre(rng, kit, beneficiary))
    for kind_, chance in ((T.NGO, 0.35), (T.PRIVATE, 0.18)):
        side = True if southern else rng.random() < 0.6
        organization = kit.organization(rng, [kind_], side)
        if organization and rng.random() < chance:
            found.append(Participant(role=R.FACILITATOR, organization=organization))
    return found


def _centre(rng, kit: Kit, beneficiary: Country) -> Participant:
    """The beneficiary region's centre on the platform, else one entered by name."""
    region = coordination_region(beneficiary) or beneficiary.region
    centres = [
        o
        for o in kit.orgs.get((T.REGIONAL_CENTRE, True), [])
        if region and coordination_region(o.country) == region
    ]
    if centres:
        return Participant(role=R.COORDINATING_CENTRE, organization=rng.choice(centres))
    place = region.name if region else beneficiary.name
    return Participant(
        role=R.COORDINATING_CENTRE,
        name=f"Regional TSC centre for {place}",
        country=beneficiary if beneficiary.is_developing else kit.country(rng, True),
    )


def _direct_members(rng, kit: Kit, kind: str) -> list[Participant]:
    giving, receiving = SIDES[kind]
    beneficiary = _party(rng, kit, R.BENEFICIARY, receiving, BENEFICIARY_TYPES)
    for _ in range(5):  # cooperation between two countries, not within one
        provider = _party(rng, kit, R.PROVIDER, giving, PROVIDER_TYPES)
        if provider.place != beneficiary.place:
            break
    return [beneficiary, provider, *_supporters(rng, kit, kind, beneficiary.place)]


# Partnerships --------------------------------------------------------------------


def _started_on(rng, today: dt.date) -> dt.date:
    year = today.year - YEARS_AGO.pick(rng)
    return day_between(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))


def _ending(rng, started: dt.date, today: dt.date) -> tuple[str, dt.date | None]:
    age = (today - started).days
    if age > 540 and rng.random() < 0.6:
        ended = started + dt.timedelta(days=rng.randint(365, min(age, 1100)))
        return Partnership.Status.COMPLETED, ended
    if age > 200 and rng.random() < 0.08:
        ended = started + dt.timedelta(days=rng.randint(90, age))
        return Partnership.Status.ENDED, ended
    return Partnership.Status.ACTIVE, None


def build_partnership(
    rng: random.Random, *, seed: int, index: int, kit: Kit, pair: Pair | None
) -> Built:
    """One partnership: from an accepted match if a pair is given, else entered."""
    theme = rng.choice(texts()["themes"])
    if pair:
        members = _matched_members(rng, kit, pair)
        both = max(pair.request.published_at, pair.offer.published_at).date()
        latest = min(pair.offer.valid_until, kit.today)
        # Matched and agreed within a few months of both being out.
        started = min(both + dt.timedelta(days=rng.randint(14, 150)), latest)
        title, targets = pair.request.title, pair.targets
    else:
        members = _direct_members(rng, kit, KINDS.pick(rng))
        started = _started_on(rng, kit.today)
        where = country_forms(decided_by(members)["country"], "en")[1]
        title = rng.choice(theme["en"]["titles"]).format(where=where, in_country=where)
        numbers = some_of(rng, theme["targets"], 1, 3) + [20] * (rng.random() < 0.35)
        targets = [kit.world.targets[n] for n in dict.fromkeys(numbers)]
    status, ended = _ending(rng, started, kit.today)
    partnership = Partnership(
        uuid=row_uuid(seed, "partnership", index),
        title=title,
        description=rng.choice(theme["en"]["assistance"]),
        request=pair.request if pair else None,
        offer=pair.offer if pair else None,
        origin=ORIGINS.pick(rng) if pair else Partnership.Origin.DIRECT,
        status=status,
        started_on=started,
        ended_on=ended,
        created_at=moment_on(rng, started),
        **decided_by(members),
    )
    match = None
    if pair:
        match = _match(rng, kit, pair, partnership)
        match.uuid = row_uuid(seed, "match", index)
    return Built(partnership, members, targets, theme["en"]["topic"], match)


def some_of(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, k=min(len(items), rng.randint(low, high)))


def _matched_members(rng, kit: Kit, pair: Pair) -> list[Participant]:
    """The request's side and the offer's, as a match forms them, and supporters."""
    request, offer = pair.request, pair.offer
    members = [
        Participant(
            role=R.BENEFICIARY,
            organization=request.organization,
            country=request.country,
        ),
        Participant(
            role=R.PROVIDER, organization=offer.organization, country=offer.country
        ),
    ]
    both_south = request.country.is_developing and offer.country.is_developing
    kind = "north_south"  # not both in the South: no supporter changes the type
    if both_south:
        kind = "triangular" if rng.random() < 0.35 else "south_south"
    return members + _supporters(rng, kit, kind, request.country)


def _match(rng, kit: Kit, pair: Pair, partnership: Partnership) -> Match:
    accepted = min(moment_on(rng, partnership.started_on), kit.cast.world.now)
    proposed = min(
        accepted,
        max(
            accepted - dt.timedelta(days=rng.randint(5, 40)),
            pair.request.published_at,
            pair.offer.published_at,
        ),
    )
    origin = partnership.origin
    return Match(
        request=pair.request,
        offer=pair.offer,
        origin=origin,
        status=Match.Status.ACCEPTED,
        score=pair.candidate.score,
        reasons=[list(r) for r in pair.candidate.reasons],
        proposed_by=None
        if origin == "engine"
        else kit.cast.reviewer(pair.request.country),
        requester_decision=Match.Decision.ACCEPTED,
        requester_decided_by=pair.request.created_by,
        requester_decided_at=proposed + (accepted - proposed) / 2,
        provider_decision=Match.Decision.ACCEPTED,
        provider_decided_by=pair.offer.created_by,
        provider_decided_at=accepted,
        partnership=partnership,
        created_at=proposed,
    )


def find_pairs(seed: int, wanted: int) -> list[Pair]:
    """Published demo requests, each with the best offer the engine finds a place on.

    The engine ranks among a fixed sample of the offers ever published, so that it
    is built in a second whatever the scale; each as on the day it was matched,
    when it was still open, so that matches spread over the years the listings
    cover. An offer is kept only if it was still valid once the request was out.
    """
    if not wanted:
        return []
    demo = {"created_by__username__startswith": PREFIX}
    published = dict(
        Request.objects.filter(**demo, status=Request.Status.PUBLISHED).values_list(
            "pk", "published_at"
        )
    )
    requests = sorted(published)
    random.Random(f"{seed}:pairs").shuffle(requests)
    offers = dict(
        Offer.objects.filter(**demo, published_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "valid_until")
    )
    sample = list(offers)[:: max(1, len(offers) // ENGINE_OFFERS)][:ENGINE_OFFERS]
    open_then = [
        dataclasses.replace(offer, expired=False)
        for offer in engine_data.offer_data(Offer.objects.filter(pk__in=sample))
    ]
    engine = Engine(open_then, engine_data.places(), engine_data.weights())
    places = {o.id: o.capacity for o in engine.offers}
    found: list[tuple[int, int, Candidate]] = []
    for start in range(0, len(requests), BATCH):
        chunk = requests[start : start + BATCH]
        data = {
            d.id: d
            for d in engine_data.request_data(Request.objects.filter(pk__in=chunk))
        }
        for pk in chunk:
            fits = (
                c
                for c in engine.rank(data[str(pk)], 5)
                if places[c.offer_id] > 0
                and offers[int(c.offer_id)] > published[pk].date()
            )
            best = next(fits, None)
            if best:
                places[best.offer_id] -= 1
                found.append((pk, int(best.offer_id), best))
            if len(found) == wanted:
                return _pairs_loaded(found)
    return _pairs_loaded(found)


def _pairs_loaded(found: list[tuple[int, int, Candidate]]) -> list[Pair]:
    related = ("organization__country", "country", "created_by")
    requests = Request.objects.select_related(*related).in_bulk(
        [r for r, _, _ in found]
    )
    offers = Offer.objects.select_related(*related).in_bulk([o for _, o, _ in found])
    targets = {}
    links = Request.targets.through.objects.filter(request_id__in=requests)
    for request_id, target_id in links.values_list("request_id", "gbftarget_id"):
        targets.setdefault(request_id, []).append(target_id)
    return [
        Pair(requests[r], offers[o], candidate, targets.get(r, []))
        for r, o, candidate in found
    ]
