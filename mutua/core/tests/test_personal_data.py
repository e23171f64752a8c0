"""Personal data in the API and the exports, checked field by field, persona by persona.

Every property of every schema of the OpenAPI description is classified here,
as personal (with the rule that decides who sees it) or not, so that a new field
nobody classified fails. Then every GET endpoint is called as each persona, and
each personal value must be filled exactly where its rule allows: withheld
values are null. The exports (CSV, XLSX, JSON, IATI) carry no personal data.
"""

import datetime as dt
import io
import zipfile
from collections import defaultdict

import pytest
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import reverse

from mutua.community import services as community
from mutua.cooperation import exports
from mutua.cooperation import services as cooperation
from mutua.directory import services as directory
from mutua.directory.models import Modality
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_transition
from mutua.matching import ranking
from mutua.matching import services as matching
from mutua.monitoring import selectors as monitoring
from mutua.monitoring.indicators.registry import INDICATORS
from mutua.testing.builders import CLARIFY_NOTE
from mutua.testing.builders import CONTACT
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_opportunity
from mutua.testing.builders import reviewed_request
from mutua.testing.calls import open_call
from mutua.testing.calls import started_application

pytestmark = pytest.mark.django_db

# Property names of the API that carry personal data, with the rule for each.
PERSONAL = {
    "contact_name": "contact",
    "contact_email": "contact",
    "by": "history",  # also the dimension of an indicator query, never sent back
    "reason": "history",
    "decline_reason": "match",
}
# Every other property name of the API: no person in them. Organizations,
# countries and participants (organizations, countries, or an organization not
# on the platform typed in by hand) are public; so are the engine's scores and
# explanations of an offer's fit, and the dates of each step.
NOT_PERSONAL = {
    *"accept action activities amount assistance_sought at attendance".split(),
    *"barriers beneficiaries beneficiaries_detail breakdown budget_amount".split(),
    *"budget_currency capacity challenge co_financing code cooperation_type".split(),
    *"count country country_name covers_operational_costs created_at".split(),
    *"currency deadline definition delivery denominator description".split(),
    *"development_group dimensions eligibility eligibility_detail end_date".split(),
    *"ended_on endorsed_at errors existing_initiatives expected_outcomes".split(),
    *"expected_outputs explanation field formula from_status funding gender".split(),
    *"goals group groups held_on home_instance how_to_apply id".split(),
    *"in_local_language indicator indicators intermediate_region".split(),
    *"is_economy_in_transition is_party is_share iso2 iso3 items key label".split(),
    *"language languages lead lead_country lead_is_iplc lead_name".split(),
    *"lead_organization level m49 message modalities modality name".split(),
    *"national_priorities number numerator objectives offer organization".split(),
    *"organization_name origin other_governments other_programmes page".split(),
    *"page_size page_url pages parent participants partnership parts".split(),
    *"people_reached possible_duplicates provider_decision published_at q".split(),
    *"rank region request requester_decision resource resources role score".split(),
    *"serves_countries serves_everywhere serves_regions short_title source".split(),
    *"stakeholder_type start_date started_on status status_changed_at".split(),
    *"subregion target target_groups targets text thematic_areas title".split(),
    *"to_status touches_iplc_lands track_record type unit updated_at".split(),
    *"updated_since url uuid valid_from valid_until value verified website".split(),
    *"year serves_as places_left attendance_reason".split(),
    *"kind scope opens_at closes_at scale shortlist_size criteria guidance".split(),
    *"weight grant_cap approval_threshold needs_two_countries budget".split(),
    "needs_platform_partnership",
    *"position summary submitted_at answers criterion documents size call".split(),
    *"question answer answered rank total outcome applications".split(),
    *"justification consulted_input acceptance_due agreement_due pledges".split(),
    *"agreement_signed_on donor donor_name application".split(),
    "seen",  # input only: what the client read, never sent back
    # The caller's own notifications and choices: no endpoint serves another
    # user's (notifications/tests/test_permissions.py).
    *"deliveries read_at marked unread".split(),
    *"answer_by last_answered_at asked answered_in_time share_in_time".split(),
    *"median_days p90_days proposals_closed proposals_answered_in_time".split(),
    "stages",
    # Discussions are public: a post shows the name its author writes under.
    *"author html hidden quoting is_locked is_pinned post_count".split(),
    *"last_post_at thread_count space".split(),
}
# Columns of the exports: all public, as the exports are. A column with
# personal data would need a rule first.
EXPORT_COLUMNS = {
    *"activity stakeholder_type role gender count".split(),
    *"uuid title description origin status cooperation_type started_on".split(),
    *"ended_on country regionally_coordinated participants targets".split(),
    *"partnership modality delivery held_on lead lead_country lead_is_iplc".split(),
    *"languages in_local_language target_groups people_reached attended".split(),
    *"dated co_creators local_indigenous_experts deployed url authors".split(),
    *"level change stage funder purpose amount currency rate".split(),
    *"reporting_amount reporting_currency code name unit year".split(),
    *"numerator denominator value".split(),
}

PERSONAS = [
    None,
    "outsider",
    "member",
    "focal_point",
    "coordinator",
    "secretariat",
    "provider",
]
SIGNED_IN = set(PERSONAS) - {None}
# Those involved in a record's history, by the first segment of the API path.
HISTORY = {
    "requests": {"member", "focal_point", "coordinator", "secretariat"},
    "offers": {"provider", "secretariat"},
    "opportunities": {"provider", "secretariat"},
    "calls": {"coordinator", "secretariat"},  # those who run the call
}
# Records that exist only for some (404 for everyone else), by path segment.
PRIVATE = {"applications": {"member", "coordinator", "secretariat"}}
# A signed-in caller's own records (a visitor is asked to sign in), by path segment.
OWN = {"notifications"}
# Both sides of the match, the request's coordinators and the secretariat.
MATCH = {"member", "focal_point", "provider", "coordinator", "secretariat"}

LISTING_NOTE = "Staff on leave until March."
DECLINE_NOTE = "Our laboratory is booked this year."
CALL_NOTE = "Published once the panel was named."
NAMES = {
    "member": ("Thandiwe", "Mwale"),
    "focal_point": ("Chikondi", "Phiri"),
    "coordinator": ("Amina", "Otieno"),
    "provider": ("Pieter", "van Wyk"),
    "secretariat": ("Elena", "Rossi"),
}


def who_sees(field: str, path: str) -> set[str]:
    rule = PERSONAL[field]
    if rule == "contact":
        return SIGNED_IN
    if rule == "match":
        return MATCH
    return HISTORY[path.split("/")[3]]


@pytest.fixture
def world(people):
    """Records with every kind of personal data, each seen by someone."""
    for who, (first, last) in NAMES.items():
        user = getattr(people, who)
        user.first_name, user.last_name = first, last
        user.save()
    request = reviewed_request(people)
    offer = published_offer(people, **CONTACT)
    opportunity = published_opportunity(people, **CONTACT)
    for listing in (offer, opportunity):
        for action, reason in (("pause", LISTING_NOTE), ("resume", "")):
            listing_transition(
                listing=listing, action=action, by=people.provider, reason=reason
            )
    ranking.suggestions_refresh(Request.objects.filter(pk=request.pk))
    declined = matching.match_propose_by_person(
        request=request, offer=offer, by=people.member
    )
    matching.match_answer(
        match=declined, by=people.provider, accept=False, reason=DECLINE_NOTE
    )
    accepted = matching.match_propose_by_person(
        request=request, offer=offer, by=people.coordinator
    )
    for side in (people.member, people.provider):
        accepted = matching.match_answer(match=accepted, by=side, accept=True)
    cooperation.record_add(
        partnership=accepted.partnership,
        by=people.member,
        kind="activity",
        title="Barcoding course",
        modality=Modality.objects.get(code="joint_training"),
        delivery="face_to_face",
        held_on=dt.date(2026, 4, 2),
        lead_name="Lake Malawi fishers' association",
    )
    call = open_call(people, reason=CALL_NOTE)
    space = community.space_create(by=people.secretariat, kind="theme", title="Seeds")
    thread = community.thread_start(
        space=space, by=people.member, title="Seed banks", text="Who stores seeds?"
    )
    return {
        "requests": request.uuid,
        "offers": offer.uuid,
        "opportunities": opportunity.uuid,
        "organizations": people.ngo.uuid,
        "partnerships": accepted.partnership.uuid,
        "indicators": INDICATORS[0].code,
        "calls": call.uuid,
        "spaces": space.uuid,
        "threads": thread.uuid,
        "applications": started_application(people, call).uuid,
    }


def personal_values(people) -> set[str]:
    """Every piece of personal data in the world, as it could appear anywhere."""
    names = {f"{first} {last}" for first, last in NAMES.values()}
    emails = {getattr(people, who).email for who in PERSONAS if who}
    return {
        *CONTACT.values(),
        CLARIFY_NOTE,
        LISTING_NOTE,
        DECLINE_NOTE,
        CALL_NOTE,
        *names,
        *emails,
    }


def headers(people, who) -> dict[str, str]:
    if who is None:
        return {}
    _token, key = directory.api_token_create(user=getattr(people, who), name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def spec(client) -> dict:
    return client.get("/api/openapi.json").json()


def gets(description: dict, world: dict) -> list[str]:
    """Every GET of the API with its path filled, and the change feeds."""
    urls = []
    for path, operations in description["paths"].items():
        if "get" not in operations:
            continue
        segment = path.split("/")[3]
        if "{" in path:
            assert segment in world, f"No record to call {path} with."
            path = path.replace("{uuid}", str(world[segment]))
            path = path.replace("{code}", str(world[segment]))
        assert "{" not in path, f"Unknown parameter in {path}."
        urls.append(path)
        names = {p["name"] for p in operations["get"].get("parameters", [])}
        if "updated_since" in names:
            urls.append(f"{path}?updated_since=2000-01-01T00:00:00Z")
    return urls


def collect(value, found: dict[str, list]) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            if name in PERSONAL:
                found[name].append(item)
            collect(item, found)
    elif isinstance(value, list):
        for item in value:
            collect(item, found)


# The API --------------------------------------------------------------------------


def test_every_property_of_the_api_is_classified(client, people):
    names = {
        name
        for schema in spec(client)["components"]["schemas"].values()
        for name in schema.get("properties", {})
    }
    assert not PERSONAL.keys() & NOT_PERSONAL
    unclassified = names - PERSONAL.keys() - NOT_PERSONAL
    assert not unclassified, (
        f"Classify these in PERSONAL (with a rule) or NOT_PERSONAL: {unclassified}"
    )


def test_every_get_shows_personal_data_only_where_its_rule_allows(
    client, people, world
):
    urls = gets(spec(client), world)
    seen = set()
    for who in PERSONAS:
        auth = headers(people, who)
        for url in urls:
            response = client.get(url, **auth)
            parts = url.split("?")[0].split("/")
            private = PRIVATE.get(parts[3], SIGNED_IN | {None})
            if who is None and parts[3] in OWN:
                assert response.status_code == 401, (who, url)
                continue
            if len(parts) > 4 and who not in private:
                assert response.status_code == 404, (who, url)
                continue
            assert response.status_code == 200, (who, url, response.content)
            found: dict[str, list] = defaultdict(list)
            collect(response.json(), found)
            for field, values in found.items():
                seen.add(field)
                if who in who_sees(field, url):
                    assert any(values), (who, url, field, values)
                    if PERSONAL[field] == "contact":
                        assert None not in values, (who, url, field, values)
                else:
                    assert all(v is None for v in values), (who, url, field, values)
    assert seen == PERSONAL.keys(), (
        f"Never seen in a response: {PERSONAL.keys() - seen}"
    )


# The exports ------------------------------------------------------------------------


def export_urls() -> list[str]:
    tables = [*exports.TABLES]
    return [
        *(
            reverse("cooperation:export", args=[table, fmt])
            for table in tables
            for fmt in exports.FORMATS
        ),
        reverse("cooperation:iati"),
        *(reverse("monitoring:export", args=[fmt]) for fmt in exports.FORMATS),
    ]


def url_names(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
            names |= url_names(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_export_is_walked_and_its_columns_classified():
    exported = {n for n in url_names(get_resolver().url_patterns) if "export" in n}
    exported |= {n for n in url_names(get_resolver().url_patterns) if "iati" in n}
    assert exported == {"cooperation:export", "cooperation:iati", "monitoring:export"}
    columns = {
        column
        for table in [*exports.TABLES.values(), monitoring.INDICATOR_TABLE]
        for column in table.columns
    }
    assert columns <= EXPORT_COLUMNS, f"Classify: {columns - EXPORT_COLUMNS}"


def readable(response) -> str:
    """The text of a download; a workbook's text is in its XML parts."""
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            return "".join(workbook.read(n).decode() for n in workbook.namelist())
    return body.decode()


def test_no_export_carries_personal_data_whoever_downloads_it(client, people, world):
    secrets = personal_values(people)
    for who in PERSONAS:
        client.logout()
        if who:
            client.force_login(getattr(people, who))
        for url in export_urls():
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            text = readable(response)
            if "export/partnerships." in url or "iati" in url:
                assert str(world["partnerships"]) in text, (who, url)
            leaked = {secret for secret in secrets if secret in text}
            assert not leaked, (who, url, leaked)
