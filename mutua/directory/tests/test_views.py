"""The directory and account pages, driven through HTTP as a visitor or a persona."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import (
    ApiToken,
    Country,
    Language,
    Membership,
    Organization,
    Profile,
    RoleAssignment,
)
from mutua.exchange import services as exchange
from mutua.exchange.models import Offer, Request
from mutua.testing.builders import offer_fields, request_fields

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache: start every test with none spent."""
    cache.clear()
    yield
    cache.clear()


def published_request(people, title="Barcoding of freshwater fish") -> Request:
    request = exchange.request_create(
        by=people.focal_point, country=people.malawi, **request_fields(title=title)
    )
    exchange.request_transition(request=request, action="submit", by=people.focal_point)
    return exchange.request_transition(
        request=request, action="publish", by=people.coordinator
    )


def published_offer(people, title="DNA barcoding laboratory training") -> Offer:
    offer = exchange.listing_create(
        Offer,
        by=people.provider,
        organization=people.university,
        **offer_fields(title=title),
    )
    return exchange.listing_transition(
        listing=offer, action="publish", by=people.provider
    )


def organization(name: str, iso3: str, type: str = "ngo", **fields) -> Organization:
    admin_user = User.objects.create_user(username=f"admin-{name}", password=PASSWORD)
    return services.organization_create(
        by=admin_user,
        name=name,
        country=Country.objects.get(iso3=iso3),
        type=type,
        **fields,
    )


def verified_user(email: str) -> User:
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def text(response) -> str:
    return response.content.decode()


# Public pages -------------------------------------------------------------------


def test_home_shows_counts_latest_records_and_a_search_for_requests(client, people):
    request = published_request(people)
    offer = published_offer(people)
    exchange.request_create(
        by=people.focal_point,
        country=people.malawi,
        **request_fields(title="A draft nobody sees"),
    )
    page = text(client.get("/"))
    assert request.title in page and request.get_absolute_url() in page
    assert offer.title in page and offer.get_absolute_url() in page
    assert "A draft nobody sees" not in page
    assert 'action="/requests/"' in page and 'name="q"' in page
    assert "<strong>1</strong> published request<" in page
    assert "<strong>2</strong> organizations" in page


def test_home_shows_only_the_five_latest_requests(client, people):
    for number in range(6):
        published_request(people, title=f"Need number {number}")
    page = text(client.get(reverse("directory:home")))
    assert "Need number 5" in page and "Need number 1" in page
    assert "Need number 0" not in page


def test_countries_are_grouped_by_region_with_their_badges(client, people):
    page = text(client.get(reverse("directory:countries")))
    assert "<h2>Africa</h2>" in page and "<h3>Eastern Africa</h3>" not in page
    assert "<h3>Sub-Saharan Africa</h3>" in page
    malawi = re.search(r'<a href="/countries/MWI/">Malawi</a>(.*?)</li>', page, re.S)
    assert "LDC" in malawi[1] and "LLDC" in malawi[1] and "SIDS" not in malawi[1]
    fiji = re.search(r'<a href="/countries/FJI/">Fiji</a>(.*?)</li>', page, re.S)
    assert "SIDS" in fiji[1] and "developing" in fiji[1]
    assert "248 countries and areas" in page


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"region": "009"}, "Fiji", "Malawi"),  # Oceania
        ({"region": "014"}, "Malawi", "Fiji"),  # Eastern Africa, intermediate
        ({"group": "SIDS"}, "Fiji", "Malawi"),
        ({"group": "LLDC", "region": "002"}, "Malawi", "Fiji"),
        ({"group": "developed"}, "Germany", "Malawi"),
    ],
)
def test_countries_narrow_by_region_and_group(client, people, params, present, absent):
    page = text(client.get(reverse("directory:countries"), params))
    assert f">{present}</a>" in page and f">{absent}</a>" not in page


@pytest.mark.parametrize(
    "params",
    [{"region": "999"}, {"group": "rich"}, {"region": "<script>"}, {"group": "\x00"}],
)
def test_unknown_country_filters_are_ignored(client, people, params):
    response = client.get(reverse("directory:countries"), params)
    assert response.status_code == 200 and "248 countries" in text(response)
    assert "<script>" not in text(response)


def test_an_htmx_filter_of_countries_returns_only_the_list(client, people):
    response = client.get(
        reverse("directory:countries"),
        {"group": "SIDS"},
        headers={"HX-Request": "true"},
    )
    page = text(response)
    assert page.lstrip().startswith('<div id="countries">') and "Fiji" in page
    assert "<html" not in page and "HX-Request" in response["Vary"]


def test_a_country_page_shows_its_regions_groups_organizations_and_records(
    client, people
):
    request = published_request(people)
    hidden = exchange.request_create(
        by=people.focal_point, country=people.malawi, **request_fields(title="Hidden")
    )
    page = text(client.get(people.malawi.get_absolute_url()))
    for fact in ["Africa", "Sub-Saharan Africa", "Eastern Africa", "MWI", "454"]:
        assert fact in page
    assert "Least developed country" in page and "Landlocked" in page
    assert "Party to the <abbr" in page and "<dd>Yes</dd>" in page
    assert request.title in page and hidden.title not in page
    assert people.ngo.name in page and people.university.name not in page
    offer_page = text(client.get(people.south_africa.get_absolute_url()))
    assert published_offer(people).title not in offer_page  # published after
    assert "DNA barcoding" in text(client.get("/countries/zaf/"))


def test_an_unknown_country_is_not_found(client, people):
    assert client.get("/countries/XXX/").status_code == 404
    assert client.get("/countries/%3Cscript%3E/").status_code == 404


# Organization directory ---------------------------------------------------------


def test_organizations_are_searched_by_their_words(client, people):
    organization(
        "Fundação Mata Atlântica", "BRA", description="Restauração de florestas"
    )
    organization("Wetlands of the Shire", "MWI")
    url = reverse("directory:organizations")
    page = text(client.get(url, {"q": "fundacao FLORESTA"}))
    assert "Fundação Mata Atlântica" in page and "Shire" not in page
    assert "1 organization<" in page
    page = text(client.get(url, {"q": "wetland"}))
    assert "Wetlands of the Shire" in page and "Fundação" not in page


def test_facets_count_organizations_and_narrow_the_list(client, people):
    organization("Pacific Reef Network", "FJI", type="iplc")
    url = reverse("directory:organizations")
    page = re.sub(r"<[^>]+>", "", text(client.get(url)))
    assert re.search(r"Non-governmental organization \(1\)", page)
    assert re.search(r"Africa \(2\)", page) and re.search(r"Oceania \(1\)", page)
    assert re.search(r"Small island developing States \(SIDS\) \(1\)", page)
    narrowed = text(client.get(url, {"group": "SIDS"}))
    assert "Pacific Reef Network" in narrowed and people.ngo.name not in narrowed
    narrowed = text(client.get(url, {"region": "002", "type": "academic"}))
    assert people.university.name in narrowed and people.ngo.name not in narrowed
    narrowed = text(client.get(url, {"country": "mwi"}))
    assert people.ngo.name in narrowed and people.university.name not in narrowed


def test_the_organization_list_pages_by_twenty(client, people):
    for number in range(25):
        organization(f"Herbarium {number:02}", "KEN", type="academic")
    url = reverse("directory:organizations")
    listed = re.compile(r'<li><a href="/organizations/[0-9a-f-]{36}/">')
    first = text(client.get(url, {"q": "herbarium"}))
    assert "25 organizations" in first and "Page 1 of 2" in first
    assert len(listed.findall(first)) == 20
    second = text(client.get(url, {"q": "herbarium", "page": "2"}))
    assert len(listed.findall(second)) == 5
    assert "q=herbarium&amp;page=1" in second


def test_the_organization_list_says_when_nothing_matches(client, people):
    page = text(client.get(reverse("directory:organizations"), {"q": "zzzz"}))
    assert "0 organizations" in page and "No organization matches" in page


@pytest.mark.parametrize(
    "params",
    [
        {"type": "spaceship"},
        {"region": "999"},
        {"group": "rich"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"q": "x" * 5000},
        {"q": '"unbalanced AND ( NEAR *'},
        {"q": "\x00"},
        {"country": "not-a-country"},
    ],
)
def test_bad_parameters_of_the_organization_list_never_fail(client, people, params):
    response = client.get(reverse("directory:organizations"), params)
    assert response.status_code == 200


def test_the_organization_list_takes_a_fixed_number_of_queries(
    client, people, django_assert_max_num_queries
):
    for number in range(10):
        organization(f"Museum {number}", "KEN")
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:organizations"), {"q": "museum"})


def test_an_htmx_search_returns_the_results_fragment(client, people):
    organization("Cape Floristic Trust", "ZAF")
    response = client.get(
        reverse("directory:organizations"),
        {"q": "floristic"},
        headers={"HX-Request": "true"},
    )
    page = text(response)
    assert page.lstrip().startswith('<div id="results"') and "<html" not in page
    assert "Cape Floristic Trust" in page and "HX-Request" in response["Vary"]


def test_an_organization_page_shows_its_published_records(client, people):
    people.ngo.verified = True
    people.ngo.save()
    request = exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(title="Unpublished need"),
    )
    page = text(client.get(people.ngo.get_absolute_url()))
    assert "verified by the secretariat" in page and request.title not in page
    assert "Members" not in page and people.member.email not in page
    offer = published_offer(people)
    page = text(client.get(people.university.get_absolute_url()))
    assert offer.title in page and "verified" not in page


def test_admins_see_the_member_list_and_the_edit_link(client, people):
    client.force_login(people.member)
    page = text(client.get(people.ngo.get_absolute_url()))
    assert people.member.email in page and "/edit/" in page
    client.force_login(people.provider)
    page = text(client.get(people.ngo.get_absolute_url()))
    assert people.member.email not in page and "/edit/" not in page


def test_an_unknown_organization_is_not_found(client, people):
    url = "/organizations/00000000-0000-0000-0000-000000000000/"
    assert client.get(url).status_code == 404
    assert client.get("/organizations/not-a-uuid/").status_code == 404


# Registering and editing organizations ------------------------------------------

NEW_ORG = {
    "name": "Lake Chilwa Fishers",
    "country": "MWI",
    "type": "grassroots",
    "website": "https://chilwa.example.org",
    "description": "Fishers who monitor the lake.",
}


def test_a_signed_in_user_registers_an_organization_and_becomes_its_admin(
    client, people
):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:organization_new"), NEW_ORG)
    created = Organization.objects.get(name="Lake Chilwa Fishers")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.country == people.malawi and created.type == "grassroots"
    assert Membership.objects.get(organization=created).user == people.outsider
    assert Membership.objects.get(organization=created).is_admin
    assert "fishers" in created.search_text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"country": "XXX"}, "country", "Choose a country from the list"),
        ({"country": ""}, "country", "This field is required"),
        ({"type": "spaceship"}, "type", "Select a valid choice"),
        ({"name": "n" * 201}, "name", "at most 200 characters"),
        ({"description": "d" * 5001}, "description", "at most 5000 characters"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL"),
    ],
)
def test_bad_organization_input_gets_a_message_by_its_field(
    client, people, change, field, message
):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:organization_new"), NEW_ORG | change)
    assert response.status_code == 200
    assert message in text(response)
    assert f'id="id_{field}_error"' in text(response)
    assert not Organization.objects.filter(name__startswith="Lake Chilwa").exists()


def test_a_second_organization_of_the_same_name_and_country_is_refused(client, people):
    client.force_login(people.outsider)
    response = client.post(
        reverse("directory:organization_new"),
        NEW_ORG | {"name": people.ngo.name},
    )
    assert "already exists" in text(response)
    assert Organization.objects.filter(name=people.ngo.name).count() == 1


def test_markup_in_an_organization_is_shown_as_text(client, people):
    client.force_login(people.outsider)
    client.post(
        reverse("directory:organization_new"),
        NEW_ORG | {"name": "<script>alert(1)</script>", "description": "<b>bold</b>"},
    )
    created = Organization.objects.get(name="<script>alert(1)</script>")
    for url in [created.get_absolute_url(), "/organizations/?q=script"]:
        page = text(client.get(url))
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>bold</b>" not in text(client.get(created.get_absolute_url()))


def test_an_admin_edits_the_organization(client, people):
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert people.ngo.name in text(client.get(url))
    response = client.post(
        url, NEW_ORG | {"name": "Lilongwe Wetlands Trust (LWT)", "country": "MWI"}
    )
    people.ngo.refresh_from_db()
    assert response.status_code == 302 and people.ngo.name.endswith("(LWT)")
    assert people.ngo.description == "Fishers who monitor the lake."


def test_the_country_of_an_organization_with_requests_stays(client, people):
    exchange.request_create(
        by=people.member,
        country=people.malawi,
        organization=people.ngo,
        **request_fields(),
    )
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    response = client.post(url, NEW_ORG | {"country": "ZAF"})
    assert "keeps its country" in text(response)
    people.ngo.refresh_from_db()
    assert people.ngo.country == people.malawi


# Members ------------------------------------------------------------------------


def members_url(people) -> str:
    return reverse("directory:organization_members", args=[people.ngo.uuid])


def test_an_admin_adds_a_member_by_email(client, people):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": "OUTSIDER@example.org"})
    assert response.status_code == 302
    membership = Membership.objects.get(organization=people.ngo, user=people.outsider)
    assert not membership.is_admin
    client.post(members_url(people), {"email": people.outsider.email, "is_admin": "on"})
    membership.refresh_from_db()
    assert membership.is_admin


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.org", "No account uses this e-mail"),
        ("not an e-mail", "Enter a valid email address"),
        ("", "This field is required"),
    ],
)
def test_adding_an_unknown_member_says_why(client, people, email, message):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": email})
    assert message in text(response) and 'id="id_email_error"' in text(response)
    assert Membership.objects.filter(organization=people.ngo).count() == 1


def test_the_last_admin_may_not_step_down(client, people):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": people.member.email})
    assert "keeps at least one admin" in text(response)
    assert Membership.objects.get(user=people.member).is_admin


def test_an_admin_removes_a_member_after_confirming(client, people):
    membership = Membership.objects.create(
        user=people.outsider, organization=people.ngo
    )
    url = reverse("directory:member_remove", args=[people.ngo.uuid, membership.pk])
    client.force_login(people.member)
    page = text(client.get(url))
    assert "Remove outsider@example.org" in page and 'method="post"' in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and response.url == members_url(people)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_the_last_admin_is_refused_with_a_message(client, people):
    only = Membership.objects.get(user=people.member)
    url = reverse("directory:member_remove", args=[people.ngo.uuid, only.pk])
    client.force_login(people.member)
    response = client.post(url, follow=True)
    assert "keeps at least one admin" in text(response)
    assert Membership.objects.filter(pk=only.pk).exists()


def test_a_membership_of_another_organization_is_not_found(client, people):
    other = Membership.objects.get(user=people.provider)
    url = reverse("directory:member_remove", args=[people.ngo.uuid, other.pk])
    client.force_login(people.member)
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


# Roles --------------------------------------------------------------------------


def test_the_secretariat_lists_and_filters_roles(client, people):
    client.force_login(people.secretariat)
    page = text(client.get(reverse("directory:roles")))
    assert "focal@example.org" in page and "coordinator@example.org" in page
    page = text(client.get(reverse("directory:roles"), {"role": "focal_point"}))
    assert "focal@example.org" in page and "coordinator@example.org" not in page
    page = text(client.get(reverse("directory:roles"), {"q": "malawi"}))
    assert (
        "focal@example.org" in page and "secretariat@example.org</strong>" not in page
    )
    bad = client.get(reverse("directory:roles"), {"role": "king", "page": "x"})
    assert bad.status_code == 200


def test_the_secretariat_grants_a_focal_point_for_a_country(client, people):
    client.force_login(people.secretariat)
    response = client.post(
        reverse("directory:roles"),
        {"email": people.outsider.email, "role": "focal_point", "country": "KEN"},
    )
    assert response.status_code == 302
    role = RoleAssignment.objects.get(user=people.outsider)
    assert role.country.iso3 == "KEN" and role.granted_by == people.secretariat


def test_the_secretariat_grants_a_coordinator_for_a_region(client, people):
    client.force_login(people.secretariat)
    client.post(
        reverse("directory:roles"),
        {"email": people.outsider.email, "role": "coordinator", "region": "009"},
    )
    assert RoleAssignment.objects.get(user=people.outsider).region.name == "Oceania"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"role": "focal_point"},
            "country",
            "A focal point is granted for one country",
        ),
        ({"role": "coordinator", "country": "KEN"}, "region", "for one region"),
        ({"role": "secretariat", "country": "KEN"}, "role", "has no scope"),
        ({"role": "focal_point", "country": "ATL"}, "country", "Choose a country"),
        ({"role": "coordinator", "region": "999"}, "region", "Choose a region"),
        ({"role": "king"}, "role", "Select a valid choice"),
        ({"role": "secretariat", "email": "x@y.org"}, "email", "No account uses"),
    ],
)
def test_a_bad_grant_says_which_field_is_wrong(client, people, data, field, message):
    client.force_login(people.secretariat)
    response = client.post(
        reverse("directory:roles"), {"email": people.outsider.email} | data
    )
    assert message in text(response) and f'id="id_{field}_error"' in text(response)
    assert not RoleAssignment.objects.filter(user=people.outsider).exists()


def test_the_secretariat_revokes_a_role_after_confirming(client, people):
    role = RoleAssignment.objects.get(user=people.focal_point)
    url = reverse("directory:role_revoke", args=[role.pk])
    client.force_login(people.secretariat)
    assert "Revoke National focal point (Malawi)" in text(client.get(url))
    assert client.post(url).status_code == 302
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize(
    "persona", ["outsider", "focal_point", "coordinator", "member"]
)
def test_only_the_secretariat_manages_roles(client, people, persona):
    role = RoleAssignment.objects.get(user=people.focal_point)
    client.force_login(getattr(people, persona))
    assert client.get(reverse("directory:roles")).status_code == 403
    grant = {"email": people.outsider.email, "role": "secretariat"}
    assert client.post(reverse("directory:roles"), grant).status_code == 403
    revoke = reverse("directory:role_revoke", args=[role.pk])
    assert client.post(revoke).status_code == 403
    assert RoleAssignment.objects.filter(pk=role.pk).exists()
    assert not RoleAssignment.objects.filter(user=people.outsider).exists()


# API tokens ---------------------------------------------------------------------


def test_a_new_token_is_shown_once_and_works(client, people):
    client.force_login(people.provider)
    response = client.post(reverse("directory:tokens"), {"name": "field app"})
    key = re.search(r'<p class="key" id="new-key">(mt_[\w-]+)</p>', text(response))[1]
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=people.provider)
    assert token.name == "field app" and token.digest != key and key not in repr(token)
    assert services.api_token_authenticate(key) == people.provider
    page = text(client.get(reverse("directory:tokens")))
    assert "field app" in page and key not in page and token.prefix in page


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "This field is required"), ("n" * 101, "at most 100 characters")],
)
def test_a_token_needs_a_short_name(client, people, name, message):
    client.force_login(people.provider)
    response = client.post(reverse("directory:tokens"), {"name": name})
    assert message in text(response) and 'id="id_name_error"' in text(response)
    assert not ApiToken.objects.exists()


def test_a_user_sees_and_revokes_only_their_own_tokens(client, people):
    mine, _ = services.api_token_create(user=people.provider, name="mine")
    theirs, _ = services.api_token_create(user=people.member, name="theirs")
    client.force_login(people.provider)
    page = text(client.get(reverse("directory:tokens")))
    assert "mine" in page and "theirs" not in page
    other = reverse("directory:token_revoke", args=[theirs.pk])
    assert client.get(other).status_code == 404
    assert client.post(other).status_code == 404
    own = reverse("directory:token_revoke", args=[mine.pk])
    assert "Revoke the token “mine”" in text(client.get(own))
    assert client.post(own).status_code == 302
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["theirs"]


# Profile ------------------------------------------------------------------------


def test_a_profile_is_created_on_first_save(client, people):
    client.force_login(people.outsider)
    assert client.get(reverse("directory:profile")).status_code == 200
    assert not Profile.objects.exists()
    response = client.post(
        reverse("directory:profile"),
        {
            "display_name": "Dr Outsider",
            "languages": ["fr", "sw"],
            "expertise": "Wetland hydrology",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=people.outsider)
    assert profile.display_name == "Dr Outsider"
    assert {lang.code for lang in profile.languages.all()} == {"fr", "sw"}
    page = text(client.get(reverse("directory:profile")))
    assert 'value="Dr Outsider"' in page
    assert re.search(r'value="fr" id="id_languages_\d+" checked', page)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"languages": ["xx"]}, "languages", "Choose languages from the list"),
        ({"expertise": "e" * 2001}, "expertise", "at most 2000 characters"),
        ({"display_name": "d" * 151}, "display_name", "at most 150 characters"),
    ],
)
def test_bad_profile_input_says_which_field(client, people, data, field, message):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:profile"), data)
    assert message in text(response) and f'id="id_{field}_error"' in text(response)
    assert not Profile.objects.exists()
    assert Language.objects.filter(code="fr").exists()


# Every write view: anonymous visitors, wrong methods, outsiders ------------------


def write_urls(people) -> dict[str, str]:
    membership = Membership.objects.get(user=people.member)
    role = RoleAssignment.objects.get(user=people.focal_point)
    token, _ = services.api_token_create(user=people.member, name="t")
    return {
        "organization_new": reverse("directory:organization_new"),
        "organization_edit": reverse(
            "directory:organization_edit", args=[people.ngo.uuid]
        ),
        "organization_members": members_url(people),
        "member_remove": reverse(
            "directory:member_remove", args=[people.ngo.uuid, membership.pk]
        ),
        "roles": reverse("directory:roles"),
        "role_revoke": reverse("directory:role_revoke", args=[role.pk]),
        "tokens": reverse("directory:tokens"),
        "token_revoke": reverse("directory:token_revoke", args=[token.pk]),
        "profile": reverse("directory:profile"),
    }


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    for name, url in write_urls(people).items():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, name
            assert response.url.startswith("/accounts/login/?next="), name
    assert Membership.objects.count() == 2 and RoleAssignment.objects.count() == 3


def test_write_views_refuse_other_methods(client, people):
    client.force_login(people.secretariat)
    for name, url in write_urls(people).items():
        assert client.put(url).status_code == 405, name
        assert client.delete(url).status_code == 405, name
    for url in ["/", "/countries/", "/countries/MWI/", "/organizations/"]:
        assert client.post(url).status_code == 405


@pytest.mark.parametrize("persona", ["outsider", "provider", "focal_point"])
def test_only_admins_of_an_organization_change_it(client, people, persona):
    membership = Membership.objects.get(user=people.member)
    client.force_login(getattr(people, persona))
    urls = write_urls(people)
    for name in ["organization_edit", "organization_members", "member_remove"]:
        assert client.get(urls[name]).status_code == 403, name
        assert client.post(urls[name], NEW_ORG).status_code == 403, name
    people.ngo.refresh_from_db()
    assert people.ngo.name == "Lilongwe Wetlands Trust"
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_plain_member_may_not_manage_the_organization(client, people):
    Membership.objects.create(user=people.outsider, organization=people.ngo)
    client.force_login(people.outsider)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert client.post(url, NEW_ORG).status_code == 403


def test_the_secretariat_may_edit_any_organization(client, people):
    client.force_login(people.secretariat)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert client.post(url, NEW_ORG | {"country": "MWI"}).status_code == 302


# Accounts (allauth) -------------------------------------------------------------


def test_sign_up_confirm_the_email_then_log_in(client, db, mailoutbox):
    email, password = "new.person@example.org", "a-new-long-password-42"
    response = client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )
    assert response.status_code == 302
    assert "Verify Your Email Address" in text(client.get(response.url))
    login = {"login": email, "password": password}
    client.post(reverse("account_login"), login)
    assert "_auth_user_id" not in client.session  # not before confirming
    link = re.search(
        r"https?://[^/]+(/accounts/confirm-email/\S+/)", mailoutbox[0].body
    )
    page = text(client.get(link[1]))
    assert "Confirm Email Address" in page and 'class="skip"' in page
    client.post(link[1])
    assert EmailAddress.objects.get(email=email).verified
    response = client.post(reverse("account_login"), login)
    assert response.status_code == 302 and response.url == "/"
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_a_password_reset_link_sets_a_new_password(client, db, mailoutbox):
    user = verified_user("forgetful@example.org")
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    link = re.search(
        r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mailoutbox[0].body
    )
    form_url = client.get(link[1]).url
    new = "another-long-password-77"
    client.post(form_url, {"password1": new, "password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_repeated_failed_log_ins_are_locked_out(client, db):
    user = verified_user("target@example.org")
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong"}
        )
        assert "not correct" in text(response)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert "Too many failed login attempts" in text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_the_site_layout(client, db, name):
    page = text(client.get(reverse(name)))
    assert 'class="skip"' in page and '<main id="main">' in page
    assert page.count("<h1>") == 1


def test_the_log_out_page_uses_the_site_layout(client, people):
    client.force_login(people.outsider)
    page = text(client.get(reverse("account_logout")))
    assert '<main id="main">' in page and "Sign Out" in page


# Budgets and accessibility ------------------------------------------------------


class Outline(HTMLParser):
    """Headings, form controls, labels and sub-resources of a page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict] = []
        self.labelled: set[str] = set()
        self.resources: list[str] = []
        self.landmarks: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer"}:
            self.landmarks.add(tag)
        if tag == "label":
            self.in_label += 1
            self.labelled.add(attrs.get("for") or "")
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append(attrs | {"wrapped": bool(self.in_label)})
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.resources.append(attrs["href"])
        if tag in {"script", "img", "iframe"} and attrs.get("src"):
            self.resources.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def public_pages(people) -> list[str]:
    published_request(people)
    published_offer(people)
    return [
        "/",
        "/countries/",
        "/countries/MWI/",
        "/organizations/",
        "/organizations/?q=wetlands&type=ngo",
        people.ngo.get_absolute_url(),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_public_pages_stay_within_the_budget(client, people):
    for url in public_pages(people):
        response = client.get(url)
        outline = Outline()
        outline.feed(text(response))
        assert len(outline.resources) + 1 <= 8, url
        weight = len(gzip.compress(response.content))
        for resource in outline.resources:
            name = resource.removeprefix(settings.STATIC_URL)
            path = finders.find(name)
            with open(path, "rb") as static:
                weight += len(gzip.compress(static.read()))
        assert weight < 60 * 1024, url


def test_pages_have_landmarks_ordered_headings_and_labelled_controls(client, people):
    pages = [text(client.get(url)) for url in public_pages(people)]
    client.force_login(people.secretariat)
    pages += [
        text(client.get(url))
        for url in [
            reverse("directory:organization_new"),
            members_url(people),
            reverse("directory:roles"),
            reverse("directory:tokens"),
            reverse("directory:profile"),
            reverse("account_logout"),
            reverse("account_change_password"),
        ]
    ]
    for page in pages:
        outline = Outline()
        outline.feed(page)
        url = re.search(r"<title>(.*?)</title>", page, re.S)[1]
        assert {"header", "nav", "main", "footer"} <= outline.landmarks, url
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1, url
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, url
        for control in outline.controls:
            labelled = (
                control["wrapped"]
                or control.get("id") in outline.labelled
                or control.get("aria-label")
            )
            assert labelled, (url, control)


# Django admin -------------------------------------------------------------------


def test_the_secretariat_searches_and_filters_every_model_in_the_admin(client, people):
    people.secretariat.is_staff = True
    people.secretariat.save()
    published_request(people)
    client.force_login(people.secretariat)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"directory", "exchange"}:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        assert client.get(url, {"q": "malawi"}).status_code == 200, url
        assert model_admin.search_fields, url
        assert model_admin.list_filter or model_admin.list_display, url


def test_staff_without_the_secretariat_role_see_no_directory_in_the_admin(
    client, people
):
    people.coordinator.is_staff = True
    people.coordinator.save()
    client.force_login(people.coordinator)
    url = reverse("admin:directory_organization_changelist")
    assert client.get(url).status_code == 403


def test_saving_an_organization_in_the_admin_refreshes_its_search_text(client, people):
    people.secretariat.is_staff = True
    people.secretariat.save()
    client.force_login(people.secretariat)
    url = reverse("admin:directory_organization_change", args=[people.ngo.pk])
    response = client.post(
        url,
        {
            "name": "Shire River Trust",
            "country": people.malawi.pk,
            "type": "ngo",
            "website": "",
            "description": "",
            "membership_set-TOTAL_FORMS": "0",
            "membership_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    people.ngo.refresh_from_db()
    assert people.ngo.search_text == "shire river trust"


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_the_newer_value(
    client, people
):
    client.force_login(people.member)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert 'name="initial-name"' in text(client.get(url))
    shown = {"name": people.ngo.name, "country": "MWI", "type": "ngo", "website": ""}
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    services.organization_update(
        organization=people.ngo, by=people.member, name="Theirs", description="Ours"
    )
    response = client.post(url, shown | as_shown | {"name": "Mine"})
    assert "Someone else changed this meanwhile to “Theirs”" in text(response)
    people.ngo.refresh_from_db()
    assert people.ngo.name == "Theirs"
    website = "https://trust.example.org"
    response = client.post(url, shown | as_shown | {"website": website})
    assert response.status_code == 302
    people.ngo.refresh_from_db()
    assert (people.ngo.name, people.ngo.description, people.ngo.website) == (
        "Theirs",
        "Ours",
        website,
    )
