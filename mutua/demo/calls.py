"""Demo calls: the 2023 selection of hosts for the regional and subregional
support centres, completed, and a seed-grant round under assessment.

The host-selection call is modelled on the real one: its 18 selected hosts are
the real ones, with their region as recorded (`calls/data/tsc_support_centres_
2024.csv`), and the ASEAN Centre for Biodiversity keeps its reported 89/100. The
other 24 applicants, every other score and every date are made up, and say so.
Ranks and outcomes are worked out by `calls.services.shortlist`, as for any call.
"""

import csv
import datetime as dt
import random
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import CallStep
from mutua.calls.models import Declaration
from mutua.calls.models import PanelMember
from mutua.calls.models import Score
from mutua.calls.models import ScoreSheet
from mutua.calls.models import Selection
from mutua.calls.services.calls import call_create
from mutua.calls.services.calls import default_criteria
from mutua.calls.services.selection import months_later
from mutua.calls.services.shortlist import standings_write
from mutua.cooperation.models import Partnership
from mutua.demo.assessment import assessors_ensure
from mutua.demo.world import row_uuid
from mutua.directory.models import Country
from mutua.directory.models import Organization
from mutua.directory.models import Region

DATA = Path(__file__).resolve().parent.parent / "calls" / "data"
HOSTS = DATA / "tsc_support_centres_2024.csv"
SEATS = DATA / "tsc_support_centres_2024_seats.csv"
REGIONS = {"Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150"}
REGIONS["Oceania"] = "009"
APPLICANTS = 42  # the 2023 call's
ACB = "ACB"
# The ASEAN Centre for Biodiversity's sheets: 90, 90, 90, 87.5, 87.5, a mean of 89.
ACB_SHEETS = [[9, 9, 9, 9]] * 3 + [[9, 9, 8, 9], [9, 8, 9, 9]]
DEMO = "Made-up demo data: "
CALLED = dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC)
CLOSED = dt.datetime(2023, 9, 30, 17, tzinfo=dt.UTC)
SELECTED = dt.date(2024, 5, 24)  # the last day of SBI-4


def calls_demo_create(*, seed: int, secretariat: User) -> dict[str, int]:
    """Both demo calls, once: a second run finds them and does nothing."""
    host_uuid = row_uuid(seed, "call", 0)
    if Call.objects.filter(uuid=host_uuid).exists():
        return {}
    with transaction.atomic():
        hosts = _host_selection(seed, secretariat, host_uuid)
        grants = _seed_grants(seed, secretariat, row_uuid(seed, "call", 1))
    return {"calls": 2, "applications": hosts + grants}


def _call(secretariat: User, uuid, **fields) -> Call:
    call = call_create(by=secretariat, criteria=default_criteria(), **fields)
    Call.objects.filter(pk=call.pk).update(uuid=uuid)
    call.refresh_from_db()
    return call


def _steps(call: Call, secretariat: User, moves: list[tuple[str, str, dt.datetime]]):
    before = Call.Status.DRAFT
    for action, status, at in moves:
        CallStep.objects.create(
            call=call,
            action=action,
            from_status=before,
            to_status=status,
            by=secretariat,
            at=at,
        )
        before = status
    Call.objects.filter(pk=call.pk).update(status=before)


# The host-selection call -----------------------------------------------------------


def _hosts() -> list[dict]:
    with HOSTS.open(encoding="utf-8") as hosts, SEATS.open(encoding="utf-8") as seats:
        seat = {row["acronym"]: row["seat_iso3"] for row in csv.DictReader(seats)}
        return [row | {"iso3": seat[row["acronym"]]} for row in csv.DictReader(hosts)]


def _host_selection(seed: int, secretariat: User, uuid) -> int:
    call = _call(
        secretariat,
        uuid,
        region=None,
        kind=Call.Kind.HOST,
        title="Hosts of the regional and subregional technical and scientific "
        "cooperation support centres (2023)",
        description=(
            "Expressions of interest and proposals from entities and organizations "
            "that meet the selection criteria and wish to host a regional or "
            "subregional support centre (CBD/COP/15/12 ¶45–47). " + DEMO + "this "
            "call's dates, the other applicants and all scores but the one "
            "reported are invented; the 18 selected hosts are the real ones."
        ),
        opens_at=CALLED,
        closes_at=CLOSED,
        shortlist_size=5,
    )
    countries = {c.iso3: c for c in Country.objects.all()}
    regions = {r.code: r for r in Region.objects.filter(code__in=REGIONS.values())}
    rng = random.Random(seed)
    applications, strengths = [], {}
    for host in _hosts():
        organization, _ = Organization.objects.get_or_create(
            name=host["host_name"],
            country=countries[host["iso3"]],
            defaults={"type": Organization.Type.REGIONAL_CENTRE},
        )
        applications.append(
            _application(call, organization, regions[REGIONS[host["region_at_sbi4"]]])
        )
        strengths[applications[-1].organization.name] = (
            "acb" if host["acronym"] == ACB else rng.randint(7, 8)
        )
    picks = sorted(countries.values(), key=lambda c: c.iso3)
    for n in range(APPLICANTS - len(applications)):
        country = rng.choice(picks)
        organization, _ = Organization.objects.get_or_create(
            name=f"Biodiversity institute {n + 1} of {country.name} (demo)",
            country=country,
            defaults={
                "type": Organization.Type.ACADEMIC,
                "description": DEMO + "an applicant that was not selected.",
            },
        )
        region = regions[rng.choice(list(REGIONS.values()))]
        applications.append(_application(call, organization, region))
        strengths[organization.name] = rng.randint(3, 6)
    members = assessors_ensure(5, prefix="advisory")
    PanelMember.objects.bulk_create(
        PanelMember(call=call, user=m, invited_by=secretariat) for m in members
    )
    _score(call, applications, members, strengths, rng)
    _steps(
        call,
        secretariat,
        [
            ("open", Call.Status.OPEN, CALLED),
            ("close", Call.Status.CLOSED, CLOSED),
            ("assess", Call.Status.ASSESSMENT, CLOSED + dt.timedelta(days=1)),
        ],
    )
    Call.objects.filter(pk=call.pk).update(
        assessment_closed_at=dt.datetime(2024, 2, 15, tzinfo=dt.UTC)
    )
    call.refresh_from_db()
    standings_write(call)
    _select(call, secretariat)
    published = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    chosen = dt.datetime.combine(SELECTED, dt.time(12), tzinfo=dt.UTC)
    CallStep.objects.bulk_create(
        [
            CallStep(
                call=call,
                action="shortlist",
                from_status="assessment",
                to_status="shortlisted",
                by=secretariat,
                at=published,
            ),
            CallStep(
                call=call,
                action="select",
                from_status="shortlisted",
                to_status="selected",
                by=secretariat,
                at=chosen,
            ),
            CallStep(
                call=call,
                action="complete",
                from_status="selected",
                to_status="completed",
                by=secretariat,
                at=chosen + dt.timedelta(days=120),
            ),
        ]
    )
    Call.objects.filter(pk=call.pk).update(status=Call.Status.COMPLETED)
    return len(applications)


def _application(call: Call, organization: Organization, region) -> Application:
    return Application.objects.create(
        call=call,
        organization=organization,
        region=region,
        title=f"{organization.name}: expression of interest",
        summary=DEMO + "the proposal's text is not the applicant's own.",
        status=Application.Status.SUBMITTED,
        submitted_at=CLOSED - dt.timedelta(days=3),
    )


def _score(call, applications, members, strengths, rng) -> None:
    """Every member declares and scores every application; the ACB's sheets
    give its reported 89/100."""
    criteria = list(call.criteria.all())
    declarations, sheets = [], []
    for application in applications:
        for member in members:
            declarations.append(
                Declaration(application=application, assessor=member, conflict=False)
            )
            sheets.append(
                ScoreSheet(
                    application=application,
                    assessor=member,
                    submitted_at=CLOSED + dt.timedelta(days=30),
                )
            )
    Declaration.objects.bulk_create(declarations)
    ScoreSheet.objects.bulk_create(sheets)
    scores = []
    sheets = ScoreSheet.objects.filter(application__call=call).select_related(
        "application__organization"
    )
    for n, sheet in enumerate(sheets.order_by("pk")):
        strength = strengths[sheet.application.organization.name]
        values = (
            ACB_SHEETS[n % len(ACB_SHEETS)]
            if strength == "acb"
            else [min(10, max(0, strength + rng.randint(-1, 1))) for _ in criteria]
        )
        scores += [
            Score(sheet=sheet, criterion=c, value=v, comment=f"{DEMO}{v} of 10.")
            for c, v in zip(criteria, values, strict=True)
        ]
    Score.objects.bulk_create(scores)


def _select(call: Call, secretariat: User) -> None:
    """The real hosts, selected and with their host agreements signed."""
    hosts = Application.objects.filter(
        call=call, organization__type=Organization.Type.REGIONAL_CENTRE
    ).select_related("region", "organization")
    accepted = dt.datetime.combine(
        months_later(SELECTED, 1) - dt.timedelta(days=10), dt.time(9), tzinfo=dt.UTC
    )
    Selection.objects.bulk_create(
        Selection(
            call=call,
            application=application,
            justification=(
                f"Ranked {application.rank} of the applicants for "
                f"{application.region.name} by the advisory group; selected by the "
                "Subsidiary Body on Implementation at its fourth meeting."
            ),
            consulted_input=DEMO + "the bureau's input, as it would be recorded.",
            selected_by=secretariat,
            status=Selection.Status.SIGNED,
            acceptance_due=months_later(SELECTED, 1),
            answered_at=accepted,
            agreement_due=months_later(SELECTED, 3),
            agreement_signed_on=months_later(SELECTED, 3) - dt.timedelta(days=7),
        )
        for application in hosts
    )
    named = set()
    for application in hosts.order_by("rank"):
        if application.region_id not in named:
            named.add(application.region_id)
            Region.objects.filter(pk=application.region_id).update(
                centre=application.organization
            )


# The seed-grant round -------------------------------------------------------------


def _seed_grants(seed: int, secretariat: User, uuid) -> int:
    """An open round of seed grants whose panel is at work: some sheets in,
    others missing, and one application its assessors disagree on."""
    now = timezone.now().replace(second=0, microsecond=0)
    call = _call(
        secretariat,
        uuid,
        region=None,
        kind=Call.Kind.GRANT,
        title="Seed grants for partners matched on Mutua",
        description=(
            "Small grants that cover travel and accommodation for partners who met "
            "through a match, so that they can start working together (¶10). "
            + DEMO
            + "this round and its applications are invented."
        ),
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=7),
        budget=60_000,
        currency="USD",
        grant_cap=5_000,
        approval_threshold=60,
    )
    partnerships = list(
        Partnership.objects.exclude(origin=Partnership.Origin.DIRECT)
        .prefetch_related("participants__organization")
        .order_by("pk")[:12]
    )
    rng = random.Random(seed)
    applications = []
    for partnership in partnerships:
        organization = next(
            (p.organization for p in partnership.participants.all() if p.organization),
            None,
        )
        if organization is None or any(
            a.organization == organization for a in applications
        ):
            continue
        applications.append(
            Application.objects.create(
                call=call,
                organization=organization,
                title=f"Seed grant: {partnership.title}"[:200],
                summary=DEMO + "travel for the partners' first joint training.",
                amount=rng.choice([2_500, 3_000, 4_000, 5_000]),
                partnership=partnership,
                status=Application.Status.SUBMITTED,
                submitted_at=call.closes_at - dt.timedelta(days=rng.randint(1, 20)),
            )
        )
    members = assessors_ensure(3, prefix="advisory")
    PanelMember.objects.bulk_create(
        PanelMember(call=call, user=m, invited_by=secretariat) for m in members
    )
    criteria = list(call.criteria.all())
    for n, application in enumerate(applications):
        for m, member in enumerate(members):
            if (n + m) % 4 == 3:
                continue  # an assessment still missing
            Declaration.objects.create(
                application=application, assessor=member, conflict=False
            )
            sheet = ScoreSheet.objects.create(
                application=application, assessor=member, submitted_at=now
            )
            base = 9 if (n == 0 and m == 0) else (3 if n == 0 else rng.randint(5, 9))
            Score.objects.bulk_create(
                Score(sheet=sheet, criterion=c, value=base, comment=f"{DEMO}{base}.")
                for c in criteria
            )
    _steps(
        call,
        secretariat,
        [
            ("open", Call.Status.OPEN, call.opens_at),
            ("close", Call.Status.CLOSED, call.closes_at),
            ("assess", Call.Status.ASSESSMENT, call.closes_at + dt.timedelta(hours=1)),
        ],
    )
    return len(applications)
