import datetime as dt
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core.management import CommandError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from mutua.core.text import search_terms
from mutua.demo import people
from mutua.demo import seed
from mutua.demo import world
from mutua.demo.listings import build_request
from mutua.directory import access as directory
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import ResourceType
from mutua.exchange.lifecycle import LISTING_ACTIONS
from mutua.exchange.lifecycle import PUBLIC_REQUEST_STATUSES
from mutua.exchange.lifecycle import REQUEST_ACTIONS
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.selectors import ListFilters
from mutua.exchange.selectors import public_offers
from mutua.exchange.selectors import public_opportunities
from mutua.exchange.selectors import public_requests
from mutua.exchange.services.listings import validate_offer
from mutua.exchange.services.listings import validate_opportunity
from mutua.exchange.services.requests import validate_request

pytestmark = pytest.mark.django_db
SCALE = 60
R = Request.Status
O = Offer.Status  # noqa: E741
DEMO = {"created_by__username__startswith": world.PREFIX}
# Words only one of the three demo languages uses, to tell a text's language.
MARKERS = {
    "en": {"the", "and", "of", "in", "for", "to", "with", "is", "are"},
    "fr": {"le", "les", "des", "du", "et", "pour", "dans", "sur", "une", "au"},
    "es": {"el", "los", "las", "del", "y", "para", "con", "una", "por"},
}


def text_language(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return max(MARKERS, key=lambda lang: sum(w in MARKERS[lang] for w in words))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Demo data at a small scale, seeded once for the module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = seed.demo_data_create(scale=SCALE)
        yield report
        transaction.set_rollback(True)


def demo_requests():
    return Request.objects.filter(**DEMO).select_related("country", "organization")


def demo_offers():
    return Offer.objects.filter(**DEMO).select_related("country", "organization")


def test_it_creates_what_the_scale_asks_for(seeded):
    counts = world.counts_for(SCALE)
    assert seed.existing_counts() == counts
    assert (counts.requests, counts.offers) == (SCALE, SCALE)
    assert seeded.created == {
        "organizations": counts.organizations,
        "requests": SCALE,
        "offers": SCALE,
        "opportunities": counts.opportunities,
    }


def test_organizations_are_of_every_type_in_many_countries(seeded):
    organizations = Organization.objects.filter(
        membership__user__username__startswith=world.STAFF
    )
    assert set(organizations.values_list("type", flat=True)) == set(
        Organization.Type.values
    )
    assert organizations.values("country").distinct().count() >= 7
    for organization in organizations:
        organization.full_clean()


def test_requests_come_from_every_region_but_europe_included(seeded):
    regions = set(demo_requests().values_list("country__region__code", flat=True))
    assert {"002", "019", "142", "009"} <= regions


def test_a_sample_of_requests_passes_the_services_validation(seeded):
    for request in demo_requests().order_by("?")[:25]:
        validate_request(request)


def found_by_each_of(record, texts, public) -> None:
    """The site's search finds the record by the longest word of each text."""
    for text in filter(None, texts):
        word = max(search_terms(text), key=len)
        assert record in public(ListFilters(query=word)), (text, word)


def test_published_requests_are_found_by_a_word_of_each_searchable_field(seeded):
    published = public_requests(ListFilters()).filter(**DEMO)
    sample = published.select_related("country", "organization").order_by("?")[:10]
    assert sample
    for request in sample:
        organization = request.organization.name if request.organization else ""
        texts = (request.title, request.challenge, request.country.name, organization)
        found_by_each_of(request, texts, public_requests)


def test_published_offers_and_opportunities_are_found_by_each_field(seeded):
    offers = public_offers(ListFilters()).filter(**DEMO).select_related("organization")
    sample = offers.order_by("?")[:10]
    assert sample
    for offer in sample:
        organization = offer.organization.name if offer.organization else ""
        texts = (offer.title, offer.description, offer.track_record, organization)
        found_by_each_of(offer, texts, public_offers)
    opportunities = public_opportunities(ListFilters()).filter(**DEMO)
    sample = opportunities.select_related("organization").order_by("?")[:10]
    assert sample
    for opportunity in sample:
        texts = (opportunity.title, opportunity.description)
        texts += (opportunity.organization.name,)
        found_by_each_of(opportunity, texts, public_opportunities)


def test_a_sample_of_offers_and_opportunities_passes_the_services_validation(seeded):
    for offer in demo_offers().order_by("?")[:25]:
        validate_offer(offer)
        assert 1 <= offer.capacity <= 5
    opportunities = Opportunity.objects.filter(**DEMO).select_related("organization")
    assert opportunities.exists()
    for opportunity in opportunities:
        validate_opportunity(opportunity)


def test_languages_match_the_text_and_the_country(seeded):
    listings = [
        (r, f"{r.title} {r.challenge}")
        for r in demo_requests().prefetch_related("languages")
    ] + [
        (o, f"{o.title} {o.description}")
        for o in demo_offers().prefetch_related("languages")
    ]
    seen = set()
    for listing, text in listings:
        language = text_language(text)
        seen.add(language)
        assert language in world.text_languages(listing.country), text
        assert language in {lang.code for lang in listing.languages.all()}, text
    assert seen == {"en", "fr", "es"}


def test_statuses_are_mixed(seeded):
    statuses = set(demo_requests().values_list("status", flat=True))
    assert {R.PUBLISHED, R.DRAFT, R.UNDER_REVIEW} <= statuses
    assert len(statuses) >= 6
    published = demo_requests().filter(status=R.PUBLISHED).count()
    assert published > SCALE / 3
    offer_statuses = set(demo_offers().values_list("status", flat=True))
    assert O.PUBLISHED in offer_statuses and len(offer_statuses) >= 3


def test_request_transitions_follow_the_lifecycle_and_the_roles(seeded):
    oldest = timezone.now() - dt.timedelta(days=3 * 365 + 1)
    for request in demo_requests().prefetch_related("transitions__by"):
        moves = list(request.transitions.all())
        assert (moves[0].action, moves[0].from_status) == ("create", "")
        assert moves[-1].to_status == request.status
        assert oldest < moves[0].at == request.created_at
        assert request.status_changed_at == moves[-1].at
        for before, after in zip(moves, moves[1:], strict=False):
            action = REQUEST_ACTIONS[after.action]
            assert after.from_status == before.to_status
            assert after.from_status in action.sources
            assert before.at <= after.at
            if action.needs_reason:
                assert after.reason
            if after.action == "endorse":
                assert directory.is_focal_point_for(after.by, request.country)
            if after.action in {"publish", "clarify", "reject"}:
                assert directory.coordinates(after.by, request.country)
        publish = [m.at for m in moves if m.action == "publish"]
        assert request.published_at == (publish[0] if publish else None)
        if request.status in PUBLIC_REQUEST_STATUSES:
            assert len(publish) == 1
        if request.status not in {R.DRAFT, R.SUBMITTED} and any(
            m.action == "submit" for m in moves
        ):
            assert request.endorsed_at is not None


def test_offers_are_valid_in_the_future_while_published(seeded):
    today = timezone.localdate()
    for offer in demo_offers().prefetch_related("transitions"):
        moves = list(offer.transitions.all())
        assert moves[0].action == "create" and moves[-1].to_status == offer.status
        for before, after in zip(moves, moves[1:], strict=False):
            assert after.from_status in LISTING_ACTIONS[after.action].sources
            assert after.from_status == before.to_status
        if offer.status == O.PUBLISHED:
            assert offer.valid_until > today and offer.published_at is not None
        if offer.status == O.EXPIRED:
            assert offer.valid_until < today and moves[-1].by is None
        assert offer.valid_from <= offer.valid_until


def test_opportunities_are_open_while_published(seeded):
    today = timezone.localdate()
    opportunities = Opportunity.objects.filter(**DEMO).prefetch_related("transitions")
    for opportunity in opportunities:
        moves = list(opportunity.transitions.all())
        assert moves[-1].to_status == opportunity.status
        if opportunity.status == O.PUBLISHED:
            assert opportunity.deadline >= today
        assert opportunity.start_date < opportunity.end_date
        assert opportunity.organization.type in {"donor", "intergovernmental"}


def test_offers_are_mostly_south_south_and_serve_varied_places(seeded):
    offers = list(demo_offers().prefetch_related("serves_regions", "serves_countries"))
    south = [o for o in offers if o.country.is_developing]
    assert len(south) > len(offers) / 2
    modes = {
        "everywhere"
        if o.serves_everywhere
        else "regions"
        if o.serves_regions.all()
        else "countries"
        for o in offers
    }
    assert modes == {"everywhere", "regions", "countries"}
    assert {tuple(o.eligibility) for o in offers} > {()}
    for offer in offers:
        for country in offer.serves_countries.all():
            assert not offer.eligibility or set(offer.eligibility) & set(country.groups)
    limited = [o for o in offers if o.serves_as == Offer.Serves.LIMIT]
    assert limited and all(o.serves_countries.exists() for o in limited)


def test_search_finds_demo_records(seeded):
    request = public_requests(ListFilters()).filter(**DEMO).first()
    word = max(search_terms(request.title), key=len)
    assert request in public_requests(ListFilters(query=word))
    offer = public_offers(ListFilters()).filter(**DEMO).first()
    word = max(search_terms(offer.title), key=len)
    assert offer in public_offers(ListFilters(query=word))


def test_running_again_at_the_same_scale_does_nothing(seeded):
    before = seed.existing_counts()
    report = seed.demo_data_create(scale=SCALE)
    assert report.nothing_done and seed.existing_counts() == before


def test_the_command_says_when_there_is_nothing_to_do(seeded, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", "--scale", str(SCALE), stdout=out)
    assert "nothing to do" in out.getvalue()


def test_a_larger_scale_tops_up(seeded):
    report = seed.demo_data_create(scale=SCALE + 20)
    assert report.created["requests"] == 20 and report.created["offers"] == 20
    assert seed.existing_counts() == world.counts_for(SCALE + 20)
    assert Request.objects.values("uuid").distinct().count() == Request.objects.count()


def test_the_same_seed_builds_the_same_rows(seeded):
    now = timezone.now()
    cast = seed.load_cast(world.load_world(now))
    first, again, other = (
        build_request(world.row_rng(n, "request", 7), seed=n, index=7, cast=cast)
        for n in (1, 1, 2)
    )
    assert (first.obj.uuid, first.obj.title) == (again.obj.uuid, again.obj.title)
    assert first.obj.uuid != other.obj.uuid


def test_personas_have_verified_addresses_and_no_password_yet(seeded):
    for persona in people.PERSONAS:
        user = User.objects.get(username=persona.username)
        assert not user.has_usable_password()
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True)
    malawi = User.objects.get(username="demo-focal-mwi")
    assert malawi.email == "focal.malawi@demo.mutua.example"
    assert directory.is_focal_point_for(malawi, malawi.roles.get().country)
    provider = User.objects.get(username="demo-provider")
    assert provider.membership_set.get().organization.country.iso3 == "ZAF"


def test_demo_login_prints_a_working_login_for_every_persona(seeded, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_login", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(people.PERSONAS)
    label, email, password = re.fullmatch(r"(.+): (\S+) / (\S+)", lines[1]).groups()
    assert label == "Focal point for Malawi"
    assert User.objects.get(email=email).check_password(password)


def test_it_refuses_to_run_without_debug_or_force(settings):
    settings.DEBUG = False
    before = Request.objects.count(), User.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", "--scale", str(SCALE + 20))
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_login")
    assert (Request.objects.count(), User.objects.count()) == before


def test_it_refuses_a_scale_out_of_range(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="scale"):
        call_command("seed_demo", "--scale", "0")


def test_the_texts_name_only_known_reference_codes(db):
    languages = set(Language.objects.values_list("code", flat=True))
    modalities = set(Modality.objects.values_list("code", flat=True))
    resources = set(ResourceType.objects.values_list("code", flat=True))
    data = world.texts()
    for codes in data["local_languages"].values():
        assert set(codes) <= languages
    for theme in data["themes"]:
        assert set(theme["modalities"]) <= modalities
        assert set(theme["resources"]) <= resources
        assert set(theme["targets"]) <= set(range(1, 24))


def test_force_lets_it_run_without_debug(seeded, settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("seed_demo", "--scale", str(SCALE + 20), "--force", stdout=out)
    assert "Created 20 requests, 20 offers" in out.getvalue()
