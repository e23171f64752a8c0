"""Demo cooperation: partnerships, what they did and produced, and focal points' use.

Built after the demo listings, from their organizations and officials, so that the
monitoring dashboard has something to show. Some partnerships form from accepted
matches between published requests and offers (the matching engine finds the
pairs); the rest are entered directly, many with participants not on the platform.
They spread over the last five years, more every year, so trends are not flat.

Each partnership is built from a generator seeded with its own index, like the
listings: a run is reproducible and a larger scale tops up a smaller one. Rows are
bulk-created, but nothing `services` would work out is made up: the cooperation
type, country and regional coordination come from the participants by the same
rule as `Partnership.derived` (`models.partnerships.decided_by`), and amounts are converted by
`services` itself at the stored (illustrative) rates. `partnerships` builds the partnerships,
`records` what they did; this module writes them and the focal points' use.
"""

import datetime as dt
import random
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from mutua.cooperation import services
from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Policy
from mutua.cooperation.models import Publication
from mutua.cooperation.models import Technology
from mutua.demo.listings import Cast
from mutua.demo.seed import analyze
from mutua.demo.seed import insert_rows  # COPY on PostgreSQL, else executemany
from mutua.demo.seed import load_cast
from mutua.demo.world import load_world
from mutua.demo.world import row_rng
from mutua.demo.world import row_uuid
from mutua.directory.models import TargetGroup
from mutua.exchange.models import Request
from mutua.exchange.models import Transition
from mutua.matching.models import Match
from mutua.monitoring.models import Use

from .partnerships import BATCH
from .partnerships import YEARS
from .partnerships import Built
from .partnerships import Kit
from .partnerships import build_partnership
from .partnerships import find_pairs
from .partnerships import moment_on
from .records import add_records
from .records import rates_ensure

PER_REQUESTS = 10  # one partnership for every 10 requests of the scale
FEWEST = 100  # enough for every indicator to have a value in the current year
MATCHED_SHARE = 0.45


def partnerships_for(scale: int) -> int:
    return max(scale // PER_REQUESTS, FEWEST)


def uses_ensure(*, seed: int, cast: Cast, today: dt.date) -> int:
    """Focal points' sign-ins and submissions, month by month, more every year.

    A country's habit is drawn once: most use the platform most months, some now
    and then, some never. Rows depend on the calendar month, not on the day of the
    run, so a later run adds only the months since.
    """
    now = timezone.now()
    first = today.year - YEARS + 1
    months = [
        (year, month)
        for year in range(first, today.year + 1)
        for month in range(1, 13)
        if dt.date(year, month, 1) <= today
    ]
    rows = []
    for country_id, user in sorted(cast.focal_points.items()):
        iso3 = cast.world.by_pk[country_id].iso3
        habit = random.Random(f"{seed}:use:{iso3}").choice([0.8, 0.7, 0.6, 0.2, 0.0])
        for year, month in months:
            rng = random.Random(f"{seed}:use:{iso3}:{year}-{month}")
            if rng.random() >= habit * (0.6 + 0.4 * (year - first) / (YEARS - 1)):
                continue
            for _ in range(rng.randint(1, 4)):
                day = dt.date(year, month, rng.randint(1, 28))
                kind = Use.Kind.SUBMISSION if rng.random() < 0.2 else Use.Kind.SIGN_IN
                at = moment_on(rng, day)
                if day <= today and at <= now:
                    rows.append(Use(country_id=country_id, user=user, kind=kind, at=at))
    users = [u.pk for u in cast.focal_points.values()]
    known = set(Use.objects.filter(user__in=users).values_list("user_id", "kind", "at"))
    new = [u for u in rows if (u.user.pk, u.kind, u.at) not in known]
    Use.objects.bulk_create(new)
    return len(new)


# Writing ------------------------------------------------------------------------


@contextmanager
def _keeping_created(*models: type[Model]) -> Iterator[None]:
    """Let bulk_create keep the `created_at` the builders set, not make it now."""
    fields = [model._meta.get_field("created_at") for model in models]
    for created in fields:
        created.auto_now_add = False
    try:
        yield
    finally:
        for created in fields:
            created.auto_now_add = True


def _link(model: type[Model], name: str, pairs: list[tuple[int, int]]) -> None:
    relation = model._meta.get_field(name)
    own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    insert_rows(relation.remote_field.through, [f"{own}_id", f"{other}_id"], pairs)


def _enter_partnership(matches: list[Match]) -> None:
    """The requests go into partnership, as `exchange.services` records it."""
    requests = []
    for match in matches:
        request = match.request
        request.status = Request.Status.IN_PARTNERSHIP
        request.status_changed_at = match.provider_decided_at
        requests.append(request)
    Request.objects.bulk_update(requests, ["status", "status_changed_at"])
    Transition.objects.bulk_create(
        Transition(
            request=match.request,
            action="enter_partnership",
            from_status=Request.Status.PUBLISHED,
            to_status=Request.Status.IN_PARTNERSHIP,
            by=match.provider_decided_by,
            at=match.provider_decided_at,
        )
        for match in matches
    )


def write(built: list[Built]) -> None:
    """Write a batch: partnerships, then what hangs on them, parents first."""
    with _keeping_created(Partnership):
        Partnership.objects.bulk_create([b.partnership for b in built])
    pairs = [(b.partnership.pk, t) for b in built for t in b.targets]
    _link(Partnership, "targets", pairs)
    for b in built:
        for member in b.members:
            member.partnership = b.partnership
    Participant.objects.bulk_create([m for b in built for m in b.members])
    matches = [b.match for b in built if b.match]
    with _keeping_created(Match):
        Match.objects.bulk_create(matches)
    _enter_partnership(matches)
    activities = [a for b in built for a in b.activities]
    Activity.objects.bulk_create([a for a, *_ in activities])
    _link(Activity, "languages", [(a.pk, x) for a, xs, _, _ in activities for x in xs])
    _link(
        Activity, "target_groups", [(a.pk, g) for a, _, gs, _ in activities for g in gs]
    )
    insert_rows(
        Attendance,
        ["activity_id", "stakeholder_type", "role", "gender", "count"],
        [(a.pk, *row) for a, *_, rows in activities for row in rows],
    )
    results = [r for b in built for r in b.results]
    for record, _ in results:
        if isinstance(record, FundingFlow):
            services.funding_convert(record)  # the stored rate in force that day
    for model, people in (
        (Technology, "co_creators"),
        (Publication, "authors"),
        (Policy, None),
        (FundingFlow, None),
    ):
        mine = [(r, who) for r, who in results if type(r) is model]
        model.objects.bulk_create([r for r, _ in mine])
        if people:
            _link(model, people, [(r.pk, p.pk) for r, who in mine for p in who])


# The whole demo ------------------------------------------------------------------


def _missing(seed: int, want: int) -> list[int]:
    """Indexes of the demo partnerships not written yet."""
    by_uuid = {row_uuid(seed, "partnership", i): i for i in range(want)}
    uuids = list(by_uuid)
    present = set()
    for start in range(0, want, 5_000):
        present |= set(
            Partnership.objects.filter(
                uuid__in=uuids[start : start + 5_000]
            ).values_list("uuid", flat=True)
        )
    return [i for u, i in by_uuid.items() if u not in present]


def cooperation_demo_create(
    *,
    scale: int,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Demo cooperation for `scale` requests, after the listings; or top it up.

    Returns how many of each kind of row it created (none when all were there).
    """
    today = today or timezone.localdate()
    cast = load_cast(load_world(timezone.now()))
    kit = Kit(cast, today, dict(TargetGroup.objects.values_list("code", "pk")))
    created = {}
    with transaction.atomic():
        created["exchange rates"] = rates_ensure(seed=seed, today=today)
        created["uses of the platform"] = uses_ensure(seed=seed, cast=cast, today=today)
    missing = _missing(seed, partnerships_for(scale))
    rngs = {i: row_rng(seed, "partnership", i) for i in missing}
    matched = {i for i, rng in rngs.items() if rng.random() < MATCHED_SHARE}
    pairs = iter(find_pairs(seed, len(matched)))
    counts = dict.fromkeys(["partnerships", "activities", "results"], 0)
    shown = 0
    for start in range(0, len(missing), BATCH):
        built = []
        for i in missing[start : start + BATCH]:
            pair = next(pairs, None) if i in matched else None
            one = build_partnership(rngs[i], seed=seed, index=i, kit=kit, pair=pair)
            add_records(rngs[i], kit, one)
            built.append(one)
        with transaction.atomic():
            write(built)
        counts["partnerships"] += len(built)
        counts["activities"] += sum(len(b.activities) for b in built)
        counts["results"] += sum(len(b.results) for b in built)
        done = counts["partnerships"]
        if done - shown >= len(missing) / 10 or done == len(missing):
            progress(f"partnerships {done:,}/{len(missing):,}")
            shown = done
    if counts["partnerships"]:
        analyze()
    return counts | created
