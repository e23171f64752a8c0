"""Calls in a given state, made through the services, for the tests of calls."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutua.calls.models import Application
from mutua.calls.models import Call
from mutua.calls.models import ScoreSheet
from mutua.calls.services import applications
from mutua.calls.services import calls
from mutua.calls.services import panel
from mutua.cooperation.models import Partnership
from mutua.directory.access import forget_roles
from mutua.directory.models import Country
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.matching import services as matching
from mutua.testing.builders import suggested_pair

CRITERIA = [
    {"name": "Engagement in regional networks", "guidance": "", "weight": 25},
    {"name": "Biodiversity expertise", "guidance": "", "weight": 25},
    {"name": "Experience facilitating cooperation", "guidance": "", "weight": 25},
    {"name": "Capacity to manage multiple projects", "guidance": "", "weight": 25},
]


def call_fields(**overrides) -> dict:
    """Valid fields of a host-selection call open from now for thirty days."""
    now = timezone.now().replace(microsecond=0)
    fields = {
        "kind": Call.Kind.HOST,
        "title": "Host of the Eastern Africa support centre",
        "description": "Expressions of interest to host the subregional centre.",
        "opens_at": now,
        "closes_at": now + dt.timedelta(days=30),
        "scale": 10,
        "shortlist_size": 3,
        "criteria": CRITERIA,
    }
    return fields | overrides


def grant_fields(**overrides) -> dict:
    """Valid fields of a seed-grant call."""
    grant = {
        "kind": Call.Kind.GRANT,
        "title": "Seed grants for matched partners",
        "budget": 50_000,
        "currency": "USD",
        "grant_cap": 5_000,
        "approval_threshold": 60,
    }
    return call_fields(**(grant | overrides))


def draft_call(people, *, by=None, region=..., **overrides) -> Call:
    """A draft of Eastern Africa by its coordinator, unless told otherwise
    (`region=None`: a global call)."""
    return calls.call_create(
        by=by or people.coordinator,
        region=people.eastern_africa if region is ... else region,
        **call_fields(**overrides),
    )


def open_call(people, *, reason: str = "", **overrides) -> Call:
    call = draft_call(people, **overrides)
    return calls.call_move(
        call=call, by=people.secretariat, action="open", reason=reason
    )


def past_closing(call: Call) -> Call:
    """Move an open call's times into the past, as if its closing time had come."""
    Call.objects.filter(pk=call.pk).update(
        opens_at=call.opens_at - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(minutes=1),
    )
    call.refresh_from_db()
    return call


def call_form(fields: dict, criteria: list[dict] | None = None) -> dict:
    """A call's page form as a browser posts it."""
    data = {
        name: ("on" if value is True else value)
        for name, value in fields.items()
        if name != "criteria" and value is not False and value is not None
    }
    for name in ("opens_at", "closes_at"):
        data[name] = timezone.localtime(fields[name]).strftime("%Y-%m-%dT%H:%M")
    rows = fields["criteria"] if criteria is None else criteria
    data |= {
        "criteria-TOTAL_FORMS": len(rows),
        "criteria-INITIAL_FORMS": 0,
        "criteria-MIN_NUM_FORMS": 0,
        "criteria-MAX_NUM_FORMS": 12,
    }
    for i, row in enumerate(rows):
        data |= {f"criteria-{i}-{key}": value for key, value in row.items()}
    return data


def call_body(**overrides) -> dict:
    fields = call_fields(**overrides)
    return {
        **fields,
        "region": "014",
        "opens_at": fields["opens_at"].isoformat(),
        "closes_at": fields["closes_at"].isoformat(),
    }


# Applications ---------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


def pdf(name: str = "proposal.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    """An upload as a browser sends it: `content` under `name`."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def answers_for(call: Call) -> dict[int, str]:
    """An answer to every criterion of the call, by position."""
    return {
        c.position: f"How we meet “{c.name}”: twenty years of it."
        for c in call.criteria.all()
    }


def started_application(people, call: Call, *, complete=True, **overrides):
    """The NGO's draft application to the call, answering every criterion."""
    fields = {
        "by": people.member,
        "organization": people.ngo,
        "title": "Lilongwe Wetlands Trust as host",
        "summary": "We coordinate wetland monitoring across the subregion.",
        "answers": answers_for(call) if complete else {},
    }
    return applications.application_start(call=call, **(fields | overrides))


def submitted_application(people, call: Call, **overrides):
    application = started_application(people, call, **overrides)
    return applications.application_submit(application=application, by=people.member)


def matched_partnership(people) -> Partnership:
    """The NGO (Malawi) and the university (South Africa), partners after a match."""
    request, offer = suggested_pair(people)
    match = matching.match_propose(request=request, offer=offer, by=people.member)
    match = matching.match_answer(match=match, by=people.provider, accept=True)
    return match.partnership


# The panel -------------------------------------------------------------------------


def call_in_assessment(people, **overrides) -> tuple[Call, Application]:
    """A call of Eastern Africa under assessment, with the NGO's submitted
    application; the provider and the outsider sit on its panel."""
    call = open_call(people, **overrides)
    application = submitted_application(people, call)
    past_closing(call)
    for action in ("close", "assess"):
        call = calls.call_move(call=call, by=people.secretariat, action=action)
    for member in (people.provider, people.outsider):
        panel.panel_invite(call=call, by=people.secretariat, member=member)
    return call, application


def scores_of(call: Call, value: int, comment: str = "As the answers show.") -> dict:
    """The same score, with a comment, for every criterion of the call."""
    return {c.position: (value, comment) for c in call.criteria.all()}


def scored(people, application, member, value: int) -> ScoreSheet:
    """A panel member declares no conflict and submits the same score for all."""
    panel.declare(application=application, by=member, conflict=False)
    return panel.sheet_save(
        application=application,
        by=member,
        scores=scores_of(application.call, value),
        submit=True,
    )


def applicant(people, name: str, country: str = "KEN") -> Organization:
    """Another organization the NGO's member belongs to, to apply for."""
    organization = Organization.objects.create(
        name=name,
        country=Country.objects.get(iso3=country),
        type=Organization.Type.NGO,
    )
    Membership.objects.create(user=people.member, organization=organization)
    forget_roles(people.member)
    return organization


def shortlisted_call(
    people, *, scores=(9, 7), other: str = "Nairobi Biodiversity Hub"
) -> tuple[Call, list[Application]]:
    """A call of Eastern Africa with its shortlist published: the NGO's
    application and the `other` organization's, scored by the provider, best first."""
    call = open_call(people)
    organization = applicant(people, other)
    found = [
        submitted_application(people, call),
        submitted_application(
            people, call, organization=organization, title="Nairobi hub"
        ),
    ]
    past_closing(call)
    for action in ("close", "assess"):
        call = calls.call_move(call=call, by=people.secretariat, action=action)
    panel.panel_invite(call=call, by=people.secretariat, member=people.provider)
    for application, value in zip(found, scores, strict=True):
        scored(
            people, Application.objects.get(pk=application.pk), people.provider, value
        )
    panel.assessment_close(call=call, by=people.secretariat)
    call = calls.call_move(call=call, by=people.secretariat, action="shortlist")
    return call, list(Application.objects.filter(call=call).order_by("rank"))
