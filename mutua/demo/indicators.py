"""Records at scale for the dashboard benchmark (`mutua benchmark-indicators`).

Partnerships over ten years, more every year, with participants drawn as the
demo draws them, activities with attendance and target groups, results, funding
(in dollars, so none needs converting) and focal points' use. Rows are plain
tuples written in large batches (COPY on PostgreSQL) with their keys given, so
that children can name their parents without reading them back: only ever into
an empty, throw-away database.
"""

import datetime as dt
import random
import time
import uuid
from decimal import Decimal
from typing import NamedTuple

from django.core.management.color import no_style
from django.db import connection
from django.db import transaction
from django.utils import timezone

from mutua.cooperation.cooperation_type import Participant as Party
from mutua.cooperation.cooperation_type import cooperation_type
from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Publication
from mutua.cooperation.models import Technology
from mutua.demo import partnerships as shapes
from mutua.demo import records as kinds
from mutua.demo.seed import analyze
from mutua.demo.seed import insert_rows  # COPY on PostgreSQL, else executemany
from mutua.demo.world import ORG_TYPES
from mutua.demo.world import Pool
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import TargetGroup
from mutua.monitoring.models import Use

SEED = 11
YEARS = 10
YEARS_AGO = Pool(range(YEARS - 1, -1, -1), range(1, YEARS + 1))  # more every year
ORIGINS = Pool(["engine", "coordinator", "helpdesk", "direct"], [30, 15, 5, 50])
FLUSH = 50_000  # rows a batch
R = Participant.Role


class Life(NamedTuple):
    """What a partnership's activities and results need to know of it."""

    pk: int
    start: dt.date
    end: dt.date
    leads: list[tuple]  # the beneficiary and the provider
    first_member: int  # participants' keys run on from here
    members: int
    funder: int


class Rows:
    """Plain rows of one table, written a large batch at a time."""

    def __init__(self, model, columns: list[str]):
        self.model, self.columns, self.rows, self.count = model, columns, [], 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= FLUSH:
            self.flush()

    def flush(self) -> None:
        insert_rows(self.model, self.columns, self.rows)
        self.count, self.rows = self.count + len(self.rows), []


class Places:
    """Countries and organizations to draw participants from, by side."""

    def __init__(self, rng: random.Random, organizations: int):
        countries = list(Country.objects.exclude(development_group=""))
        self.iso3 = {c.pk: (c.iso3, c.is_developing) for c in countries}
        self.countries = {
            south: [c.pk for c in countries if c.is_developing == south]
            for south in (True, False)
        }
        self.parties = [c.pk for c in countries if c.is_party]
        made = Organization.objects.bulk_create(
            (
                Organization(
                    name=f"Organization {i}",
                    country_id=rng.choice(self.countries[rng.random() < 0.75]),
                    type=ORG_TYPES.pick(rng),
                )
                for i in range(organizations)
            ),
            batch_size=2_000,
        )
        self.orgs: dict[tuple, list] = {}
        for o in made:
            key = (o.type, self.iso3[o.country_id][1])
            self.orgs.setdefault(key, []).append((o.pk, o.country_id, o.type))

    def party(self, rng, role: str, south: bool, types) -> tuple:
        """(role, organization, country, its country): an organization, or a country."""
        found = [o for t in types for o in self.orgs.get((t, south), [])]
        if found and rng.random() < 0.7:
            pk, country, _ = rng.choice(found)
            return role, pk, None, country
        country = rng.choice(self.countries[south])
        return role, None, country, country

    def body(self, rng) -> tuple | None:
        """An intergovernmental body as a facilitator, wherever it sits."""
        kind = Organization.Type.INTERGOVERNMENTAL
        found = self.orgs.get((kind, True), []) + self.orgs.get((kind, False), [])
        if not found:
            return None
        pk, country, _ = rng.choice(found)
        return R.FACILITATOR, pk, None, country


def _members(rng, places: Places) -> list[tuple]:
    """A beneficiary, a provider and supporters, as the demo draws them."""
    kind = shapes.KINDS.pick(rng)
    giving, receiving = shapes.SIDES[kind]
    T = Organization.Type
    found = [
        places.party(rng, R.BENEFICIARY, receiving, shapes.BENEFICIARY_TYPES),
        places.party(rng, R.PROVIDER, giving, shapes.PROVIDER_TYPES),
    ]
    southern = kind == "south_south"
    body = places.body(rng)
    if kind == "triangular" and body and rng.random() < 0.5:
        found.append(body)
    elif kind == "triangular" or (kind == "north_south" and rng.random() < 0.5):
        found.append(places.party(rng, R.FUNDER, False, [T.DONOR]))
    elif not southern and body and rng.random() < 0.12:
        found.append(body)
    if rng.random() < 0.3:
        found.append(
            places.party(rng, R.COORDINATING_CENTRE, True, [T.REGIONAL_CENTRE])
        )
    for kind_, chance in ((T.NGO, 0.35), (T.PRIVATE, 0.18)):
        if rng.random() < chance:
            side = southern or rng.random() < 0.6
            found.append(places.party(rng, R.FACILITATOR, side, [kind_]))
    return found


def _derived(members: list[tuple], places: Places, organizations: dict) -> dict:
    parties = [
        Party(
            role=role,
            country=places.iso3[country][0],
            developing=places.iso3[country][1],
            intergovernmental=organizations.get(org) == "intergovernmental",
        )
        for role, org, _, country in members
    ]
    kind = cooperation_type(parties)
    return {
        "type": kind.value if kind else "",
        "country": members[0][3],
        "coordinated": any(m[0] == R.COORDINATING_CENTRE for m in members),
    }


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def build(partnerships: int, activities: int) -> dict:
    """Write the records; return how many of each and how long it took."""
    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic():
        places = Places(rng, organizations=max(50, min(5_000, partnerships // 20)))
        lives, counts = _partnerships(rng, places, partnerships)
        counts |= _activities(rng, lives, activities)
        counts |= _results(rng, lives)
        counts["uses"] = _uses(rng, places)
        with connection.cursor() as cursor:
            models = [Partnership, Participant, Activity, Technology, Publication]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    built = round(time.perf_counter() - started, 1)
    analyze()  # as seed-demo does after a load
    return {"partnerships": partnerships, **counts, "seconds": built}


def _uuid(rng, model) -> object:
    """A uuid drawn from `rng`, as the database stores the model's."""
    made = uuid.UUID(int=rng.getrandbits(128), version=4)
    return model._meta.get_field("uuid").get_db_prep_value(made, connection)


def _partnerships(rng, places: Places, n: int) -> tuple[list[Life], dict]:
    """Partnerships with participants and targets; returns each one's life."""
    today = timezone.localdate()
    now = connection.ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
    organizations = {o[0]: o[2] for found in places.orgs.values() for o in found}
    targets = list(GbfTarget.objects.values_list("pk", flat=True))
    rows = Rows(Partnership, ["id", "uuid", "created_at", "updated_at"])
    rows.columns += ["home_instance", "title", "description", "origin", "status"]
    rows.columns += ["started_on", "ended_on", "cooperation_type", "country_id"]
    rows.columns += ["regionally_coordinated"]
    members = Rows(Participant, ["id", "partnership_id", "role"])
    members.columns += ["organization_id", "country_id", "name"]
    aims = Rows(Partnership.targets.through, ["partnership_id", "gbftarget_id"])
    lives, member = [], 0
    for pk in range(1, n + 1):
        year = today.year - YEARS_AGO.pick(rng)
        start = _day(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))
        end = today
        status = "active"
        if (today - start).days > 540 and rng.random() < 0.6:
            status, end = "completed", _day(rng, start + dt.timedelta(365), today)
        who = _members(rng, places)
        derived = _derived(who, places, organizations)
        key = _uuid(rng, Partnership)
        rows.add(
            (pk, key, now, now, "benchmark", f"Partnership {pk}", "")
            + (ORIGINS.pick(rng), status, start, end if status != "active" else None)
            + (derived["type"], derived["country"], derived["coordinated"])
        )
        for role, organization, country, _ in who:
            member += 1
            members.add((member, pk, role, organization, country, ""))
        for target in rng.sample(targets, rng.randint(1, 3)):
            aims.add((pk, target))
        funder = next((i for i, m in enumerate(who) if m[0] == R.FUNDER), 1)
        first = member - len(who) + 1
        lives.append(Life(pk, start, end, who[:2], first, len(who), first + funder))
    for table in (rows, members, aims):
        table.flush()
    return lives, {"participants": members.count}


def _activities(rng, lives: list[Life], n: int) -> dict:
    """Activities spread over the partnerships' lives, with attendance."""
    modality = dict(Modality.objects.values_list("code", "pk"))
    group = dict(TargetGroup.objects.values_list("code", "pk"))
    rows = Rows(Activity, ["id", "partnership_id", "title", "modality_id"])
    rows.columns += ["delivery", "held_on", "lead_organization_id", "lead_name"]
    rows.columns += ["lead_country_id", "lead_is_iplc", "in_local_language"]
    rows.columns += ["people_reached", "uuid"]
    present = Rows(Attendance, ["activity_id", "stakeholder_type", "role", "gender"])
    present.columns += ["count"]
    aimed = Rows(Activity.target_groups.through, ["activity_id", "targetgroup_id"])
    for pk in range(1, n + 1):
        life = rng.choice(lives)
        code = kinds.MODALITIES.pick(rng)
        awareness = code == "awareness_raising"
        _, organization, _, country = rng.choice(life.leads)
        roles = kinds.ROLES.get(code, kinds.OTHER_ROLES)
        groups = {
            (kinds.STAKEHOLDERS.pick(rng), roles.pick(rng), kinds.GENDERS.pick(rng))
            for _ in range(rng.randint(1, 6))
        }
        counts = [rng.randint(1, 60 if awareness else 20) for _ in groups]
        for (kind, role, gender), count in zip(groups, counts, strict=True):
            present.add((pk, kind, role, gender, count))
        audience = kinds.AUDIENCES if awareness else kinds.LEARNERS
        for name in rng.sample(audience, rng.randint(1, 3)):
            aimed.add((pk, group[name]))
        reached = sum(counts) + (rng.randint(100, 5_000) if awareness else 0)
        rows.add(
            (pk, life.pk, f"Activity {pk}", modality[code])
            + (kinds.DELIVERIES.pick(rng), _day(rng, life.start, life.end))
            + (organization, "")
            + (country, rng.random() < 0.03, rng.random() < 0.35, reached)
            + (_uuid(rng, Activity),)
        )
    for table in (rows, present, aimed):
        table.flush()
    return {
        "activities": n,
        "attendance rows": present.count,
        "activity target groups": aimed.count,
    }


def _results(rng, lives: list[Life]) -> dict:
    """Technologies and publications with their people, policies and funding."""
    found = {}
    for model, share, people in (
        (Technology, 0.5, "co_creators"),
        (Publication, 0.5, "authors"),
        (Policy, 0.4, None),
        (FundingFlow, 1.5, None),
    ):
        columns = ["partnership_id", "title", "dated", *_columns(model)]
        rows = Rows(model, ["id", *columns] if people else columns)
        links = _links(model, people)
        for pk in range(1, int(len(lives) * share) + 1):
            life = rng.choice(lives)
            row = (life.pk, f"{model.__name__} {pk}", _day(rng, life.start, life.end))
            row += _values(rng, model, life.funder)
            rows.add((pk, *row) if people else row)
            if links:
                keys = range(life.first_member, life.first_member + life.members)
                for member in rng.sample(keys, min(life.members, 2)):
                    links.add((pk, member))
        for table in (rows, links):
            if table:
                table.flush()
        found[str(model._meta.verbose_name_plural)] = rows.count
    return found


def _links(model, name: str | None) -> Rows | None:
    """The participants a result names (co-creators, authors), as link rows."""
    if name is None:
        return None
    relation = model._meta.get_field(name)
    own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    return Rows(relation.remote_field.through, [f"{own}_id", f"{other}_id"])


def _columns(model) -> list[str]:
    return {
        Technology: ["description", "local_indigenous_experts", "deployed"],
        Publication: ["url"],
        Policy: ["level", "change", "stage"],
        FundingFlow: ["funder_id", "amount", "currency", "purpose"]
        + ["rate_id", "reporting_amount"],
    }[model]


def _values(rng, model, funder: int) -> tuple:
    """The fields of a result of this kind; funding is in dollars, so not converted."""
    if model is Technology:
        return "", rng.randint(0, 6), rng.random() < 0.55
    if model is Publication:
        return ("",)
    if model is Policy:
        change = rng.choice(list(Policy.Change))
        return kinds.LEVELS.pick(rng), change, kinds.STAGES.pick(rng)
    amount = Decimal(rng.randrange(3_000, 400_000, 100))
    return funder, amount, "USD", kinds.PURPOSES.pick(rng), None, amount


def _uses(rng, places: Places) -> int:
    """Focal points' use: most Parties in many months, some rarely, some never."""
    today = timezone.localdate()
    adapt = connection.ops.adapt_datetimefield_value
    rows = Rows(Use, ["country_id", "user_id", "kind", "at"])
    for country in places.parties:
        habit = rng.choice([0.8, 0.6, 0.3, 0.0])
        for months in range(YEARS * 12):
            first = dt.date(today.year - YEARS + 1 + months // 12, months % 12 + 1, 1)
            if first > today or rng.random() >= habit:
                continue
            for _ in range(rng.randint(1, 3)):
                at = dt.datetime.combine(first, dt.time(), dt.UTC)
                at += dt.timedelta(days=rng.randint(0, 27), hours=rng.randint(7, 18))
                kind = rng.choice(["sign_in", "submission"])
                if at.date() <= today:
                    rows.add((country, None, kind, adapt(at)))
    rows.flush()
    return rows.count
