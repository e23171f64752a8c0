"""Shared fixtures: reference data loaded once, and the personas of every test.

The personas: a focal point for Malawi, a coordinator for Eastern Africa, a member
of a Malawian NGO, a provider at a South African university, an outsider with
no role, and the secretariat.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.utils import translation

from mutua.directory.models import (
    Country,
    Membership,
    Organization,
    Region,
    RoleAssignment,
)
from mutua.directory.reference import load_reference

REFERENCE_DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference(today=REFERENCE_DAY)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Each test starts with no remembered counts and, when it may use the database
    (where the default cache keeps them), no log-in attempts."""
    caches["facets"].clear()
    if request.node.get_closest_marker("django_db"):
        cache.clear()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English, whatever language an earlier page switched to."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def reference(db):
    """Reference data, reloaded for tests whose database is flushed between tests."""
    if not Country.objects.exists():
        load_reference(today=REFERENCE_DAY)


def make_user(name: str) -> User:
    return User.objects.create_user(
        username=name, email=f"{name}@example.org", password="a-long-test-password"
    )


@pytest.fixture
def people(reference):
    malawi = Country.objects.get(iso3="MWI")
    south_africa = Country.objects.get(iso3="ZAF")
    eastern_africa = Region.objects.get(code="014")
    p = SimpleNamespace(
        focal_point=make_user("focal"),
        coordinator=make_user("coordinator"),
        member=make_user("member"),
        provider=make_user("provider"),
        outsider=make_user("outsider"),
        secretariat=make_user("secretariat"),
        malawi=malawi,
        south_africa=south_africa,
        eastern_africa=eastern_africa,
    )
    RoleAssignment.objects.create(
        user=p.focal_point, role=RoleAssignment.Role.FOCAL_POINT, country=malawi
    )
    RoleAssignment.objects.create(
        user=p.coordinator, role=RoleAssignment.Role.COORDINATOR, region=eastern_africa
    )
    RoleAssignment.objects.create(
        user=p.secretariat, role=RoleAssignment.Role.SECRETARIAT
    )
    p.ngo = Organization.objects.create(
        name="Lilongwe Wetlands Trust", country=malawi, type=Organization.Type.NGO
    )
    p.university = Organization.objects.create(
        name="University of Cape Town",
        country=south_africa,
        type=Organization.Type.ACADEMIC,
    )
    Membership.objects.create(user=p.member, organization=p.ngo, is_admin=True)
    Membership.objects.create(user=p.provider, organization=p.university, is_admin=True)
    return p
