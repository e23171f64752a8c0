"""Sign-up and password reset tell no one whether an address is registered:
the same answer, in the same time, for an address that has an account and for
one that has none. Timed with Django's password hasher, whose work is what
would tell them apart, at a fifth of its iterations so that the test is quick;
a hash (about 50 ms here) still weighs more than the time allowed between them."""

import re
import statistics
import time
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse

# Times are compared: the tests need the machine to themselves, not beside the
# fast suite's other workers.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TRIES = 50
# Medians of the two kinds of address may differ by no more than this.
SAME_TIME_MS = 20
PASSWORD = "a-long-test-password-for-timing"
REGISTERED = "registered@example.org"
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


class TimedHasher(PBKDF2PasswordHasher):
    iterations = PBKDF2PasswordHasher.iterations // 5


@pytest.fixture(autouse=True)
def real_password_hashing(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.TimedHasher"]


@pytest.fixture
def registered(db):
    user = User.objects.create_user(
        username=REGISTERED, email=REGISTERED, password=PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=REGISTERED, verified=True, primary=True
    )
    return user


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


def test_sign_up_answers_alike_for_a_registered_address(client, registered):
    compare(
        client,
        reverse("account_signup"),
        lambda email: {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_password_reset_answers_alike_for_a_registered_address(client, registered):
    compare(client, reverse("account_reset_password"), lambda email: {"email": email})
