"""Sign-up and password reset tell no one whether an address is registered:
the same answer, in the same time, for an address that has an account and for
one that has none.

A sign-up answers no sooner than SIGNUP_ANSWER_MS milliseconds after it
arrived, and hashes a password for a registered address as for a new one, so
that a machine too loaded to keep the floor still answers both alike. The times are taken
with Django's password hasher at a fifth of its iterations, and the floor at a
fifth of the site's, so that the tests are quick; without the floor, a new
account's writes alone part the two by more than the time allowed."""

import re
import statistics
import time
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.checks.registry import registry
from django.urls import reverse

from mutua.directory.checks import sign_up_floor_outlasts_a_hash

pytestmark = pytest.mark.django_db

# Times are compared: those tests need the machine to themselves, not beside the
# fast suite's other workers.
timed = pytest.mark.slow

TRIES = 50
# Medians of the two kinds of address may differ by no more than this.
SAME_TIME_MS = 3
PASSWORD = "a-long-test-password-for-timing"
REGISTERED = "registered@example.org"
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


class TimedHasher(PBKDF2PasswordHasher):
    iterations = PBKDF2PasswordHasher.iterations // 5


class CountingHasher(MD5PasswordHasher):
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def real_sign_up(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.TimedHasher"]
    settings.SIGNUP_ANSWER_MS = 200


@pytest.fixture
def registered(db):
    user = User.objects.create_user(
        username=REGISTERED, email=REGISTERED, password=PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=REGISTERED, verified=True, primary=True
    )
    return user


def sign_up(email: str) -> dict:
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD}


def answer(client, url: str, data: dict) -> tuple[float, int, str, str]:
    """(ms, status, redirect target, page shown after it), with the address and
    the CSRF token taken out of the page so that only the wording is compared."""
    cache.clear()  # rate limits would soon answer 429 to either kind
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = (time.perf_counter() - started) * 1000
    shown = ""
    if response.status_code == 302:
        shown = client.get(response.url).content.decode()
    shown = CSRF_TOKEN.sub("…", shown.replace(data["email"], "…"))
    return elapsed, response.status_code, response.url, shown


def compare(client, url: str, form: Callable[[str], dict]) -> None:
    """Alternate the kinds of address, so that a slower moment hits both alike."""
    times = {True: [], False: []}
    seen = {True: set(), False: set()}
    for i in range(TRIES):
        for known in (True, False):
            email = REGISTERED if known else f"new-{i}@example.org"
            client.logout()
            ms, status, target, shown = answer(client, url, form(email))
            times[known].append(ms)
            seen[known].add((status, target, shown))
    assert seen[True] == seen[False] and len(seen[True]) == 1
    gap = statistics.median(times[True]) - statistics.median(times[False])
    assert abs(gap) < SAME_TIME_MS, {k: statistics.median(v) for k, v in times.items()}


@timed
def test_sign_up_answers_alike_for_a_registered_address(
    client, real_sign_up, registered
):
    compare(client, reverse("account_signup"), sign_up)


@timed
def test_password_reset_answers_alike_for_a_registered_address(client, registered):
    compare(client, reverse("account_reset_password"), lambda email: {"email": email})


def test_sign_up_hashes_a_password_for_a_registered_address_too(
    client, registered, settings
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    for email in (REGISTERED, "new@example.org"):
        CountingHasher.hashed = 0
        assert client.post(reverse("account_signup"), sign_up(email)).status_code == 302
        assert CountingHasher.hashed == 1, email


def test_the_deploy_check_warns_of_a_floor_a_hash_would_pass(settings):
    assert sign_up_floor_outlasts_a_hash in registry.deployment_checks
    settings.PASSWORD_HASHERS = [f"{__name__}.TimedHasher"]  # about 50 ms a hash
    settings.SIGNUP_ANSWER_MS = 10
    (warning,) = sign_up_floor_outlasts_a_hash(None)
    assert warning.id == "directory.W001"
    assert "SIGNUP_ANSWER_MS" in warning.hint
    settings.SIGNUP_ANSWER_MS = 5000
    assert sign_up_floor_outlasts_a_hash(None) == []


def test_the_deploy_check_hashes_again_only_before_it_would_warn(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    for floor_ms, hashes in ((5000, 1), (0, 3)):
        settings.SIGNUP_ANSWER_MS = floor_ms
        CountingHasher.hashed = 0
        sign_up_floor_outlasts_a_hash(None)
        assert CountingHasher.hashed == hashes, floor_ms
