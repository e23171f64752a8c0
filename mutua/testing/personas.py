"""The reference data and the personas of every test.

The personas: a focal point for Malawi, a coordinator for Eastern Africa, a member
of a Malawian NGO, a provider at a South African university, an outsider with
no role, and the secretariat.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from mutua.directory.models import Country
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.directory.models import RoleAssignment
from mutua.directory.reference import load_reference

REFERENCE_DAY = dt.date(2026, 1, 1)
PASSWORD = "a-long-test-password"  # noqa: S105 — every persona's


@pytest.fixture
def reference(db):
    """Reference data, reloaded for tests whose database is flushed between tests."""
    if not Country.objects.exists():
        load_reference(today=REFERENCE_DAY)


def make_user(name: str) -> User:
    return User.objects.create_user(
        username=name, email=f"{name}@example.org", password=PASSWORD
    )


# Each persona's attribute and user name.
USERNAMES = {
    "focal_point": "focal",
    "coordinator": "coordinator",
    "member": "member",
    "provider": "provider",
    "outsider": "outsider",
    "secretariat": "secretariat",
}
# Hashed once, with the hasher every test uses: the six personas of each test are
# written in a few queries.
HASHED_PASSWORD = make_password(PASSWORD, hasher=MD5PasswordHasher())


@pytest.fixture
def people(reference):
    malawi = Country.objects.get(iso3="MWI")
    south_africa = Country.objects.get(iso3="ZAF")
    eastern_africa = Region.objects.get(code="014")
    users = User.objects.bulk_create(
        User(username=name, email=f"{name}@example.org", password=HASHED_PASSWORD)
        for name in USERNAMES.values()
    )
    p = SimpleNamespace(
        **dict(zip(USERNAMES, users, strict=True)),
        malawi=malawi,
        south_africa=south_africa,
        eastern_africa=eastern_africa,
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user=p.focal_point, role=RoleAssignment.Role.FOCAL_POINT, country=malawi
            ),
            RoleAssignment(
                user=p.coordinator,
                role=RoleAssignment.Role.COORDINATOR,
                region=eastern_africa,
            ),
            RoleAssignment(user=p.secretariat, role=RoleAssignment.Role.SECRETARIAT),
        ]
    )
    p.ngo = Organization.objects.create(
        name="Lilongwe Wetlands Trust", country=malawi, type=Organization.Type.NGO
    )
    p.university = Organization.objects.create(
        name="University of Cape Town",
        country=south_africa,
        type=Organization.Type.ACADEMIC,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=p.member, organization=p.ngo, is_admin=True),
            Membership(user=p.provider, organization=p.university, is_admin=True),
        ]
    )
    return p
