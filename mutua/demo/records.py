"""Demo records of partnerships: activities with attendance, results, funding.

Built in memory onto a `Built` partnership, dated within its life. Funding is
paid in the funder's currency; `demo.write` converts it with `services` at the
demo exchange rates made here.
"""

import datetime as dt
import random
from decimal import Decimal

from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import ExchangeRate
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Publication
from mutua.cooperation.models import Technology
from mutua.cooperation.models.activities import Delivery
from mutua.demo.world import DOMAIN
from mutua.demo.world import Pool
from mutua.demo.world import country_forms
from mutua.demo.world import text_languages
from mutua.demo.world import texts

from .partnerships import YEARS
from .partnerships import Built
from .partnerships import Kit
from .partnerships import R
from .partnerships import T
from .partnerships import day_between
from .partnerships import some_of

RATE_SOURCE = "Illustrative demo rate, made up: not an official rate"
MODALITIES = Pool(
    [
        "joint_training",
        "peer_learning",
        "networking",
        "expert_exchange",
        "joint_research",
        "technology_development",
        "study_tour",
        "capacity_building",
        "organizational_development",
        "policy_advice",
        "awareness_raising",
    ],
    [14, 8, 6, 6, 7, 10, 4, 12, 7, 7, 17],
)
DELIVERIES = Pool(list(Delivery), [35, 45, 20])
AUDIENCES = ["general_public", "youth", "women", "policymakers", "iplc", "grassroots"]
LEARNERS = [
    *("grassroots", "iplc", "policymakers", "scientists", "local_experts"),
    *("government_officials", "private_sector", "women", "youth"),
]
STAKEHOLDERS = Pool(list(T), [18, 4, 16, 18, 9, 10, 8, 3, 4])
A = Attendance.Role
ROLES = {
    "awareness_raising": Pool(list(A), [6, 1, 2, 4, 1, 2, 4]),
    "technology_development": Pool(list(A), [1, 4, 4, 4, 1, 1, 1]),
}
OTHER_ROLES = Pool(list(A), [2, 3, 3, 6, 2, 3, 1])
GENDERS = Pool(list(Attendance.Gender), [46, 46, 2, 6])
LEVELS = Pool(list(Policy.Level), [15, 20, 40, 15, 10])
STAGES = Pool(list(Policy.Stage), [40, 35, 25])
PURPOSES = Pool(list(FundingFlow.Purpose), [15, 20, 25, 15, 10, 10, 5])
TECHNOLOGIES = [
    "Field monitoring app for {topic}",
    "Low-cost sensor network for {topic}",
    "Open dataset and dashboard on {topic}",
    "Community nursery and seed protocol for {topic}",
    "Remote-sensing toolkit for {topic}",
]
PUBLICATIONS = [
    "Lessons from {topic} {in_country}",
    "A joint assessment of {topic} {in_country}",
    "Methods for {topic}: a comparative study",
]
# Units of a currency for one US dollar, roughly: the demo rates vary around them.
BASE_RATES = {
    **{"EUR": 0.92, "GBP": 0.79, "JPY": 150.0, "CHF": 0.88, "NOK": 10.6},
    **{"SEK": 10.5, "DKK": 6.9, "CAD": 1.36, "AUD": 1.52, "NZD": 1.65},
    **{"KRW": 1330.0, "BRL": 5.0, "ZAR": 18.5, "INR": 83.0, "KES": 130.0},
    **{"XOF": 605.0, "PEN": 3.75, "FJD": 2.25, "MXN": 17.5},
}
EURO = {"DEU", "FRA", "NLD", "FIN", "BEL", "ESP", "ITA", "IRL", "LUX", "AUT", "PRT"}
CFA = {"SEN", "MLI", "BFA", "CIV", "NER", "TGO", "BEN", "GNB"}
CURRENCY_OF = {
    **dict.fromkeys(EURO, "EUR"),
    **dict.fromkeys(CFA, "XOF"),
    **{"GBR": "GBP", "JPN": "JPY", "CHE": "CHF", "NOR": "NOK", "SWE": "SEK"},
    **{"DNK": "DKK", "CAN": "CAD", "AUS": "AUD", "NZL": "NZD", "KOR": "KRW"},
    **{"BRA": "BRL", "ZAF": "ZAR", "IND": "INR", "KEN": "KES", "PER": "PEN"},
    **{"FJI": "FJD", "MEX": "MXN"},
}


def add_records(rng: random.Random, kit: Kit, built: Built) -> None:
    """Activities a few months apart while it runs; some results; some funding."""
    partnership, members = built.partnership, built.members
    start, end = partnership.started_on, partnership.ended_on or kit.today
    country = partnership.country
    fill = {"topic": built.topic, "in_country": country_forms(country, "en")[1]}
    span = (end - start).days
    for _ in range(min(10, 1 + round(span / 150 * rng.uniform(0.5, 1.5)))):
        built.activities.append(
            _activity(rng, kit, built, day_between(rng, start, end), fill)
        )
    for chance, most, build in (
        (0.45, 2, _technology),
        (0.4, 2, _publication),
        (0.35, 2, _policy),
    ):
        if rng.random() < chance:
            for _ in range(rng.randint(1, most)):
                record = build(rng, fill)
                record.dated = day_between(rng, start, end)
                built.results.append((record, some_of(rng, members, 1, 3)))
    funders = [m for m in members if m.role == R.FUNDER] or [members[1]]
    if rng.random() < 0.7:
        for _ in range(rng.randint(1, 3)):
            built.results.append((_flow(rng, rng.choice(funders), start, end), []))
    for record, _ in built.results:
        record.partnership = partnership


def _activity(rng, kit: Kit, built: Built, day: dt.date, fill: dict) -> tuple:
    modality = MODALITIES.pick(rng)
    awareness = modality == "awareness_raising"
    lead = rng.choice([m for m in built.members if m.role != R.FUNDER])
    country = built.partnership.country
    activity = Activity(
        partnership=built.partnership,
        title=f"{modality.replace('_', ' ').capitalize()}: {fill['topic']}",
        modality_id=kit.world.modalities[modality],
        delivery=DELIVERIES.pick(rng),
        held_on=day,
        lead_organization=lead.organization,
        # As `services` does: an organization's lead is in the organization's country.
        lead_country=lead.organization.country if lead.organization else lead.place,
    )
    if lead.organization is None and rng.random() < 0.25:
        activity.lead_name = "Indigenous and local community association"
        activity.lead_is_iplc, activity.lead_country = True, country
    elif lead.organization is None:
        activity.lead_name = f"Government of {lead.place.name}"
    groups = some_of(rng, AUDIENCES if awareness else LEARNERS, 1, 3)
    local = texts()["local_languages"].get(country.iso3, [])
    wants_local = 0.7 if {"grassroots", "iplc"} & set(groups) else 0.4
    activity.in_local_language = bool(local) and rng.random() < wants_local
    codes = text_languages(country)[:1] + (
        local[:1] if activity.in_local_language else []
    )
    attendance = _attendance(rng, modality)
    present = sum(count for *_, count in attendance)
    activity.people_reached = present + (rng.randint(100, 5000) if awareness else 0)
    known = kit.world.languages
    languages = [known[c] for c in dict.fromkeys(codes) if c in known]
    return activity, languages, [kit.target_groups[g] for g in groups], attendance


def _attendance(rng, modality: str) -> list[tuple[str, str, str, int]]:
    """(stakeholder type, role, gender, count) rows, one a group, as services keeps."""
    roles = ROLES.get(modality, OTHER_ROLES)
    most = 60 if modality == "awareness_raising" else 20
    groups = {
        (STAKEHOLDERS.pick(rng), roles.pick(rng), GENDERS.pick(rng))
        for _ in range(rng.randint(2, 7))
    }
    return [(*group, rng.randint(1, most)) for group in sorted(groups)]


def _technology(rng, fill: dict) -> Technology:
    return Technology(
        title=rng.choice(TECHNOLOGIES).format_map(fill),
        description="Designed and tested together by the partners.",
        local_indigenous_experts=rng.randint(0, 6),
        deployed=rng.random() < 0.55,
    )


def _publication(rng, fill: dict) -> Publication:
    number = rng.randint(10_000, 99_999)
    return Publication(
        title=rng.choice(PUBLICATIONS).format_map(fill),
        url=f"https://{DOMAIN}/publications/{number}",
    )


def _policy(rng, fill: dict) -> Policy:
    level = LEVELS.pick(rng)
    return Policy(
        title=f"{level.label} policy on {fill['topic']}",
        level=level,
        change=rng.choice(list(Policy.Change)),
        stage=STAGES.pick(rng),
    )


def _flow(rng, funder: Participant, start: dt.date, end: dt.date) -> FundingFlow:
    place = funder.place
    currency = CURRENCY_OF.get(place.iso3, "USD") if place else "USD"
    dollars = rng.choice([5_000, 10_000, 25_000, 50_000, 100_000, 250_000])
    amount = dollars * rng.uniform(0.6, 1.6) * BASE_RATES.get(currency, 1.0)
    purpose = PURPOSES.pick(rng)
    return FundingFlow(
        title=f"{purpose.label} funding",
        dated=day_between(rng, start, end),
        funder=funder,
        amount=Decimal(max(100, round(amount, -2))),
        currency=currency,
        purpose=purpose,
    )


def rates_ensure(*, seed: int, today: dt.date) -> int:
    """Quarterly demo rates of every currency the demo funders pay in."""
    first = today.year - YEARS + 1
    days = [
        dt.date(year, month, 1)
        for year in range(first, today.year + 1)
        for month in (1, 4, 7, 10)
        if dt.date(year, month, 1) <= today
    ]
    rows = [
        ExchangeRate(
            currency=currency,
            valid_from=day,
            per_reporting_unit=_rate(seed, currency, day),
            source=RATE_SOURCE,
        )
        for currency in BASE_RATES
        for day in days
    ]
    before = ExchangeRate.objects.count()
    ExchangeRate.objects.bulk_create(rows, ignore_conflicts=True)
    return ExchangeRate.objects.count() - before


def _rate(seed: int, currency: str, day: dt.date) -> Decimal:
    """Within 6 % of the currency's usual rate, the same for the same quarter."""
    drift = random.Random(f"{seed}:rate:{currency}:{day}").uniform(0.94, 1.06)
    return Decimal(f"{BASE_RATES[currency] * drift:.6f}")
