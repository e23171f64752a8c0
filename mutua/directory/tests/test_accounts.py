"""Accounts: sign-up with a confirmed e-mail, log-in and its lockout, password
reset, the account pages' layout, and a user's profile."""

import datetime as dt
import re
import zoneinfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from mutua.directory.models import Language
from mutua.directory.models import Profile
from mutua.testing.calls import open_call
from mutua.testing.http import text
from mutua.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache: start every test with none spent."""
    cache.clear()
    yield
    cache.clear()


def verified_user(email: str) -> User:
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


# Signing up and in (allauth) -------------------------------------------------


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


# Profile ---------------------------------------------------------------------


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
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone"),
        ({"time_zone": "localtime"}, "time_zone", "Choose a time zone"),
    ],
)
def test_bad_profile_input_says_which_field(client, people, data, field, message):
    client.force_login(people.outsider)
    response = client.post(reverse("directory:profile"), data)
    assert message in text(response) and f'id="id_{field}_error"' in text(response)
    assert not Profile.objects.exists()
    assert Language.objects.filter(code="fr").exists()


def test_times_are_shown_in_the_zone_the_reader_chose(client, people):
    """Saved on the profile, the zone holds at once and from every later sign-in."""
    call = open_call(people)
    utc = timezone.localtime(call.closes_at, dt.UTC)
    assert f"({utc:%Z})" in text(client.get(call.get_absolute_url()))
    client.force_login(people.outsider)
    client.post(reverse("directory:profile"), {"time_zone": "Asia/Tokyo"})
    assert Profile.objects.get(user=people.outsider).time_zone == "Asia/Tokyo"
    tokyo = timezone.localtime(call.closes_at, zoneinfo.ZoneInfo("Asia/Tokyo"))
    page = text(client.get(call.get_absolute_url()))
    assert f"{tokyo:%H:%M} (JST)" in page
    client.logout()
    assert "(JST)" not in text(client.get(call.get_absolute_url()))
    client.force_login(people.outsider)
    assert "(JST)" in text(client.get(call.get_absolute_url()))
