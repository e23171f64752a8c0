"""Write the demo data: people and organizations first, then listings in batches.

Rows are built by `world`, `listings` and `offers` and written in
batches, one transaction a batch. Demo accounts' usernames start with
`demo.PREFIX`: counting the rows they created tells how far an earlier run went,
so a run at the same scale does nothing and a larger one tops up.
"""

import time
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple
from dataclasses import dataclass
from dataclasses import field

from django.contrib.auth.models import User
from django.db import connection
from django.db import transaction
from django.utils import timezone

from mutua.core.errors import ValidationError
from mutua.directory.models import Country
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.directory.models import RoleAssignment
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.models import Transition

from .listings import Built
from .listings import Cast
from .listings import build_request
from .offers import build_offer
from .offers import build_opportunity
from .people import officials_ensure
from .people import personas_complete
from .people import personas_ensure
from .world import PREFIX
from .world import STAFF
from .world import Counts
from .world import OrgRow
from .world import World
from .world import build_organization
from .world import counts_for
from .world import load_world
from .world import row_rng

BATCH = 2000
MAX_SCALE = 1_000_000
LISTINGS = [
    ("requests", "request", Request, build_request),
    ("offers", "offer", Offer, build_offer),
    ("opportunities", "opportunity", Opportunity, build_opportunity),
]


@dataclass
class Report:
    scale: int
    created: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def nothing_done(self) -> bool:
        return not any(self.created.values())


def existing_counts() -> Counts:
    made_by_demo = {"created_by__username__startswith": PREFIX}
    return Counts(
        organizations=Membership.objects.filter(
            user__username__startswith=STAFF
        ).count(),
        requests=Request.objects.filter(**made_by_demo).count(),
        offers=Offer.objects.filter(**made_by_demo).count(),
        opportunities=Opportunity.objects.filter(**made_by_demo).count(),
    )


def demo_data_create(
    *,
    scale: int,
    seed: int = 1,
    batch_size: int = BATCH,
    progress: Callable[[str], None] = lambda line: None,
) -> Report:
    """Create demo data for `scale` requests and offers, or top up a smaller scale."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValidationError({"scale": f"Give a scale from 1 to {MAX_SCALE:,}."})
    if not Country.objects.exists():
        raise ValidationError(
            {"reference": "Load the reference data first: mutua load-reference."}
        )
    started = time.monotonic()
    report = Report(scale)
    want, have = counts_for(scale), existing_counts()
    done = all(h >= w for h, w in zip(astuple(have), astuple(want), strict=True))
    if done and personas_complete():
        return report
    world = load_world(timezone.now())
    with transaction.atomic():
        officials_ensure(world=world, seed=seed)
    report.created["organizations"] = _top_up(
        "organizations",
        have.organizations,
        want.organizations,
        batch_size,
        progress,
        lambda start, stop: _write_organizations(world, seed, start, stop),
    )
    with transaction.atomic():
        personas_ensure(world=world, seed=seed)
    cast = load_cast(world)
    for plural, kind, model, build in LISTINGS:

        def write(start: int, stop: int, kind=kind, model=model, build=build) -> None:
            built = [
                build(row_rng(seed, kind, i), seed=seed, index=i, cast=cast)
                for i in range(start, stop)
            ]
            _write_listings(model, built)

        report.created[plural] = _top_up(
            plural,
            getattr(have, plural),
            getattr(want, plural),
            batch_size,
            progress,
            write,
        )
    analyze()
    report.seconds = time.monotonic() - started
    return report


def load_cast(world: World) -> Cast:
    """The demo organizations with their staff, in index order, and the officials."""
    memberships = Membership.objects.filter(
        user__username__startswith=STAFF
    ).select_related("organization", "user")
    rows = sorted(
        (OrgRow(m.organization, m.user) for m in memberships),
        key=lambda row: int(row.staff.username.removeprefix(STAFF)),
    )
    roles = RoleAssignment.objects.filter(
        user__username__startswith=PREFIX
    ).select_related("user")
    role = RoleAssignment.Role
    return Cast(
        world,
        rows,
        focal_points={
            r.country_id: r.user for r in roles if r.role == role.FOCAL_POINT
        },
        coordinators={r.region_id: r.user for r in roles if r.role == role.COORDINATOR},
    )


def _top_up(
    name: str,
    have: int,
    want: int,
    batch_size: int,
    progress: Callable[[str], None],
    write: Callable[[int, int], None],
) -> int:
    """Write rows `have`..`want` in batches, one transaction each, showing progress."""
    if have >= want:
        return 0
    every = max(batch_size, (want - have) // 10)
    shown = have
    for start in range(have, want, batch_size):
        stop = min(start + batch_size, want)
        with transaction.atomic(), _exact_timestamps():
            write(start, stop)
        if stop - shown >= every or stop == want:
            progress(f"{name} {stop:,}/{want:,}")
            shown = stop
    return want - have


@contextmanager
def _exact_timestamps() -> Iterator[None]:
    """Let bulk_create keep the created_at and updated_at that the builders set."""
    fields = [
        f
        for model in (Organization, Request, Offer, Opportunity)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _write_organizations(world: World, seed: int, start: int, stop: int) -> None:
    taken = set(Organization.objects.values_list("name", "country_id"))
    rows = [
        build_organization(
            row_rng(seed, "organization", i),
            seed=seed,
            index=i,
            world=world,
            taken=taken,
        )
        for i in range(start, stop)
    ]
    User.objects.bulk_create([r.staff for r in rows])
    Organization.objects.bulk_create([r.organization for r in rows])
    Membership.objects.bulk_create(
        Membership(user=r.staff, organization=r.organization, is_admin=True)
        for r in rows
    )


def _write_listings(model: type, built: list[Built]) -> None:
    """The records, then their many-to-many rows and transitions as plain rows.

    Many-to-many rows and transitions are four rows in five: inserting them as
    parameter tuples rather than model instances halves the time of a run.
    """
    model.objects.bulk_create([b.obj for b in built])
    for name in sorted({name for b in built for name in b.m2m}):
        relation = model._meta.get_field(name)
        insert_rows(
            relation.remote_field.through,
            [
                f"{relation.m2m_field_name()}_id",
                f"{relation.m2m_reverse_field_name()}_id",
            ],
            [
                (b.obj.pk, pk)
                for b in built
                for pk in dict.fromkeys(b.m2m.get(name, ()))
            ],
        )
    adapt = connection.ops.adapt_datetimefield_value
    insert_rows(
        Transition,
        [
            f"{model._meta.model_name}_id",
            *("action", "from_status", "to_status", "by_id", "at", "reason"),
        ],
        [
            (b.obj.pk, m.action, m.from_status, m.to_status, m.by and m.by.pk)
            + (adapt(m.at), m.reason)
            for b in built
            for m in b.moves
        ],
    )


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, or its joins crawl.

    SQLite keeps none until asked (then it picks a page's sort or a count's
    index by guesswork); PostgreSQL's autovacuum would catch up, but later.
    VACUUM also marks PostgreSQL's pages all-visible, so counts read an index
    alone; it cannot run inside a transaction (as in tests).
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def insert_rows(model: type, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows: COPY on PostgreSQL (one INSERT a row is ten times slower)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    # Table and column names come from model metadata; values are parameters.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, rows)
