"""Demo offers of providers and funding opportunities of donors, row by row."""

import datetime as dt
import random
from decimal import Decimal

from mutua.directory.models import Country
from mutua.exchange.models import Beneficiary
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity

from .listings import ELIGIBILITY
from .listings import EURO
from .listings import GRANTS
from .listings import OFFER_STATUSES
from .listings import OPPORTUNITY_STATUSES
from .listings import Built
from .listings import Cast
from .listings import Move
from .listings import O
from .listings import fill_for
from .listings import language_ids_for
from .listings import m2m_for
from .listings import pick_author
from .listings import reason_for
from .listings import sample_some
from .listings import span_days
from .listings import theme_for
from .world import Pool
from .world import World
from .world import coordination_region
from .world import country_forms
from .world import pick_language
from .world import row_uuid
from .world import texts

CAPACITY = Pool([1, 2, 3, 4, 5], [30, 30, 20, 10, 10])
# Broad M49 regions that developed-country providers serve.
SERVED_REGIONS = ["002", "019", "142", "009", "419", "202", "035", "029", "054"]


def _listing_steps(
    rng: random.Random,
    now: dt.datetime,
    status: str,
    *,
    ahead: tuple[int, int],
    oldest: int = 1000,
) -> tuple[list, dt.date]:
    """(action, from, to, when) from creation to `status`, and the end of validity.

    Published, paused and draft listings end `ahead` days from today; expired
    ones ended in the past, the day before the system expired them. None was
    created more than `oldest` days ago.
    """
    today = now.date()
    future = today + span_days(rng.uniform(*ahead))
    if status == O.DRAFT:
        return [("create", "", O.DRAFT, now - span_days(rng.uniform(0.2, 120)))], future
    age = rng.uniform(3 if status == O.PUBLISHED else 60, oldest)
    created = now - span_days(age)
    published = created + span_days(rng.uniform(0.05, min(10, age / 4)))
    left = (now - published) / dt.timedelta(days=1) - 1
    steps = [
        ("create", "", O.DRAFT, created),
        ("publish", O.DRAFT, O.PUBLISHED, published),
    ]
    if status == O.PUBLISHED:
        if left > 400 and rng.random() < 0.5:
            renewed = published + span_days(rng.uniform(300, 365))
            steps.append(("renew", O.PUBLISHED, O.PUBLISHED, renewed))
        return steps, future
    if status == O.PAUSED:
        return [
            *steps,
            (
                "pause",
                O.PUBLISHED,
                O.PAUSED,
                published + span_days(rng.uniform(1, left)),
            ),
        ], future
    if status == O.EXPIRED:
        until = (published + span_days(rng.uniform(30, left - 1))).date()
        expired = dt.datetime.combine(until + span_days(1), dt.time(2), tzinfo=dt.UTC)
        return [*steps, ("expire", O.PUBLISHED, O.EXPIRED, expired)], until
    withdrawn = published + span_days(rng.uniform(1, left))
    until = (published + span_days(rng.uniform(180, 720))).date()
    return [*steps, ("withdraw", O.PUBLISHED, O.WITHDRAWN, withdrawn)], until


def _moves(listing, steps: list, owner, rng: random.Random, language: str) -> list:
    moves = []
    for action, source, target, at in steps:
        reason = (
            reason_for(rng, language, action) if action in {"pause", "withdraw"} else ""
        )
        by = None if action == "expire" else owner
        moves.append(Move(action, source, target, by, at, reason))
        if action == "publish":
            listing.published_at = at
    listing.created_at, listing.updated_at = steps[0][3], steps[-1][3]
    listing.status_changed_at = steps[-1][3]
    return moves


def _serves(
    rng: random.Random, world: World, country: Country, eligibility: list[str]
) -> dict:
    """Regions or countries served, or an empty dict for everywhere.

    Served countries fit the eligibility, and are often the provider's neighbours.
    """
    draw = rng.random()
    if draw < (0.3 if country.is_developing else 0.5):
        return {}
    if draw < 0.8:
        if country.is_developing:
            own = [coordination_region(country), country.region]
            codes = [r.code for r in own if r][: rng.randint(1, 2)]
        else:
            codes = sample_some(rng, SERVED_REGIONS, 1, 2)
        regions = [world.regions[c].pk for c in codes if c in world.regions]
        return {"serves_regions": regions}
    groups = tuple(eligibility)
    near = country.region.code if country.is_developing and rng.random() < 0.7 else None
    fitting = world.requesters_in(near, groups) or world.requesters_in(None, groups)
    chosen = sample_some(rng, [c for c in fitting if c.pk != country.pk], 3, 8)
    return {"serves_countries": [c.pk for c in chosen]} if chosen else {}


def build_offer(rng: random.Random, *, seed: int, index: int, cast: Cast) -> Built:
    """One offer, mostly from an organization, South-South more often than not."""
    world = cast.world
    organization, owner, country = pick_author(rng, cast, cast.provider_orgs, 0.92)
    theme = theme_for(rng, country)
    language = pick_language(rng, country)
    own, common = theme[language], texts()["common"][language]
    status = OFFER_STATUSES.pick(rng)
    steps, valid_until = _listing_steps(rng, world.now, status, ahead=(30, 540))
    m2m, _ = m2m_for(world, theme, rng, tsc=0.5)
    m2m["languages"] = language_ids_for(rng, world, country, language, local=False)
    eligibility = [str(group) for group in ELIGIBILITY.pick(rng)]
    m2m |= _serves(rng, world, country, eligibility)
    funding, covers = "", rng.random() < 0.1
    if country.is_developing and cast.donors and rng.random() < 0.3:
        donor = rng.choice(cast.donors)
        donor_country = country_forms(world.by_pk[donor.country_id], language)[0]
        funding = rng.choice(common["triangular_funding"]).format(
            donor=donor.name, donor_country=donor_country
        )
        covers = True
    elif rng.random() < 0.45:
        choice = rng.randrange(len(common["funding"]))
        amount = _money(rng.choice([5_000, 10_000, 20_000]), language)
        funding = common["funding"][choice].format(amount=amount)
        covers = choice == 1 or rng.random() < 0.15
    offer = Offer(
        uuid=row_uuid(seed, "offer", index),
        title=rng.choice(own["offer_titles"]),
        contact_name=owner.get_full_name(),
        contact_email=owner.email,
        created_by=owner,
        status=status,
        organization=organization,
        country=country,
        description=rng.choice(own["offer_descriptions"]),
        track_record=rng.choice(common["track_record"]).format(
            n=rng.randint(3, 40), people=rng.choice([120, 250, 400, 800, 1500])
        )
        if rng.random() < 0.8
        else "",
        serves_everywhere=not (
            m2m.get("serves_regions") or m2m.get("serves_countries")
        ),
        # A provider naming the countries it serves holds to them; regions are a
        # preference.
        serves_as=Offer.Serves.LIMIT
        if m2m.get("serves_countries")
        else Offer.Serves.PREFERENCE,
        eligibility=eligibility,
        capacity=CAPACITY.pick(rng),
        funding=funding,
        covers_operational_costs=covers,
        valid_from=steps[0][3].date(),
        valid_until=valid_until,
    )
    moves = _moves(offer, steps, owner, rng, language)
    offer.search_text = offer.build_search_text()
    return Built(offer, m2m, moves)


def _money(amount: int, language: str) -> str:
    separator = {"en": ",", "fr": "\u202f", "es": "."}[language]
    return f"{amount:,}".replace(",", separator)


def build_opportunity(
    rng: random.Random, *, seed: int, index: int, cast: Cast
) -> Built:
    """One funding call of a donor or an intergovernmental body."""
    world = cast.world
    row = cast.funder_orgs.pick(rng)
    organization, owner = row.organization, row.staff
    country = world.by_pk[organization.country_id]
    language = pick_language(rng, country)
    theme = rng.choice(texts()["themes"])
    common = texts()["common"][language]
    amount = rng.choice(GRANTS)
    currency = (
        "EUR" if country.iso3 in EURO else "GBP" if country.iso3 == "GBR" else "USD"
    )
    fill = fill_for(rng, country, language, theme) | {
        "amount": _money(amount, language),
        "currency": currency,
    }
    status = OPPORTUNITY_STATUSES.pick(rng)
    steps, deadline = _listing_steps(
        rng, world.now, status, ahead=(14, 300), oldest=400
    )
    m2m, _ = m2m_for(world, theme, rng, tsc=0.5)
    m2m.pop("resources")
    m2m["languages"] = language_ids_for(rng, world, country, language, local=False)
    start = deadline + span_days(rng.uniform(60, 120))
    opportunity = Opportunity(
        uuid=row_uuid(seed, "opportunity", index),
        title=rng.choice(common["opportunity_titles"]).format_map(fill),
        contact_name=owner.get_full_name(),
        contact_email=owner.email,
        created_by=owner,
        status=status,
        organization=organization,
        description=rng.choice(common["opportunity_descriptions"]).format_map(fill),
        eligibility=[str(group) for group in ELIGIBILITY.pick(rng)],
        eligibility_detail=rng.choice(common["eligibility_detail"]),
        how_to_apply=rng.choice(common["how_to_apply"]),
        url=f"{organization.website}calls/{index + 1}",
        deadline=deadline,
        start_date=start,
        end_date=start + span_days(rng.uniform(365, 1095)),
        beneficiaries=sample_some(rng, list(Beneficiary.values), 1, 3),
        amount=Decimal(amount),
        currency=currency,
    )
    moves = _moves(opportunity, steps, owner, rng, language)
    opportunity.search_text = opportunity.build_search_text()
    return Built(opportunity, m2m, moves)
