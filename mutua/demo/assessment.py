"""Made-up calls under assessment: applications, a panel and its score sheets,
written in bulk, for the demo and the assessment benchmark.

Scores come from a generator seeded per application and assessor, so a build
is reproducible; what the platform works out (totals, ranks, outcomes) is left
to `calls.services.shortlist`.
"""

import datetime as dt
import random
import time

from django.contrib.auth.models import User
from django.contrib.auth.models import make_password
from django.db import transaction
from django.utils import timezone

from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import Declaration
from mutua.calls.models import PanelMember
from mutua.calls.models import Score
from mutua.calls.models import ScoreSheet
from mutua.calls.services.calls import call_create
from mutua.calls.services.calls import default_criteria
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.models import Region

BATCH = 2000
REGIONS = ("002", "019", "142", "150", "009")  # Africa, Americas, Asia, Europe, Oceania


def assessors_ensure(count: int, prefix: str = "assessor") -> list[User]:
    """`count` advisory-group members, who sign in only with a password reset."""
    names = [f"{prefix}-{n:02d}" for n in range(1, count + 1)]
    existing = {u.username: u for u in User.objects.filter(username__in=names)}
    User.objects.bulk_create(
        User(
            username=name,
            email=f"{name}@example.org",
            first_name="Advisory group",
            last_name=f"member {name[-2:]}",
            password=make_password(None),
        )
        for name in names
        if name not in existing
    )
    return list(User.objects.filter(username__in=names).order_by("username"))


def call_in_assessment(
    *, by: User, title: str, applications: int, assessors: int, seed: int
) -> dict:
    """A global host-selection call under assessment: `applications` submitted
    applications from as many organizations, every one scored by every member
    of a panel of `assessors`. Returns what it built and how long it took."""
    started = time.monotonic()
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        call = call_create(
            by=by,
            region=None,
            criteria=default_criteria(),
            kind=Call.Kind.HOST,
            title=title,
            description="Made-up call of the assessment benchmark.",
            opens_at=now - dt.timedelta(days=90),
            closes_at=now - dt.timedelta(days=30),
            shortlist_size=3,
        )
        Call.objects.filter(pk=call.pk).update(status=Call.Status.ASSESSMENT)
        members = assessors_ensure(assessors)
        PanelMember.objects.bulk_create(PanelMember(call=call, user=u) for u in members)
        found = _applications(call, applications, seed)
        _sheets(call, found, members, seed)
    return {
        "applications": applications,
        "assessors": assessors,
        "sheets": applications * assessors,
        "scores": applications * assessors * call.criteria.count(),
        "seconds": round(time.monotonic() - started, 1),
        "call": call.pk,
    }


def _applications(call: Call, count: int, seed: int) -> list[Application]:
    countries = list(Country.objects.order_by("iso3"))
    regions = list(Region.objects.filter(code__in=REGIONS))
    rng = random.Random(seed)
    Organization.objects.bulk_create(
        (
            Organization(
                name=f"Benchmark applicant {call.pk}-{n:05d}",
                country=rng.choice(countries),
                type=Organization.Type.ACADEMIC,
                description="Made-up applicant of the assessment benchmark.",
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    organizations = Organization.objects.filter(
        name__startswith=f"Benchmark applicant {call.pk}-"
    ).order_by("name")
    submitted = call.closes_at - dt.timedelta(days=1)
    Application.objects.bulk_create(
        (
            Application(
                call=call,
                organization=organization,
                region=regions[n % len(regions)],
                title=f"Proposal {n + 1}",
                summary="Made-up proposal of the assessment benchmark.",
                status=Application.Status.SUBMITTED,
                submitted_at=submitted - dt.timedelta(minutes=n),
            )
            for n, organization in enumerate(organizations)
        ),
        batch_size=BATCH,
    )
    return list(call.applications.order_by("pk"))


def _sheets(call: Call, applications, members, seed: int) -> None:
    """Every member declares no conflict with every application and scores it."""
    criteria = list(call.criteria.all())
    Declaration.objects.bulk_create(
        (
            Declaration(application=a, assessor=m, conflict=False)
            for a in applications
            for m in members
        ),
        batch_size=BATCH,
    )
    at = call.closes_at + dt.timedelta(days=7)
    ScoreSheet.objects.bulk_create(
        (
            ScoreSheet(application=a, assessor=m, submitted_at=at)
            for a in applications
            for m in members
        ),
        batch_size=BATCH,
    )
    sheets = ScoreSheet.objects.filter(application__call=call).values_list(
        "pk", "application_id", "assessor_id"
    )
    scores = []
    for sheet, application, assessor in sheets:
        rng = random.Random(f"{seed}-{application}-{assessor}")
        strength = rng.randint(3, 9)  # an application's quality, as this one sees it
        for criterion in criteria:
            value = min(call.scale, max(0, strength + rng.randint(-2, 2)))
            scores.append(
                Score(
                    sheet_id=sheet,
                    criterion=criterion,
                    value=value,
                    comment=f"Seen by this assessor as {value} of {call.scale}.",
                )
            )
    Score.objects.bulk_create(scores, batch_size=BATCH)
