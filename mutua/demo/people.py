"""The demo's people: officials of every requesting country and region, and personas.

Officials endorse, review and publish the demo requests, so every transition is
made by someone who holds the role. Personas are the accounts worth logging in
as; their passwords stay unusable until `mutua demo-login` sets and prints them.
"""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from mutua.directory.models import Membership
from mutua.directory.models import Profile
from mutua.directory.models import RoleAssignment

from .world import DOMAIN
from .world import PREFIX
from .world import STAFF
from .world import World
from .world import coordination_region
from .world import coordinator_for
from .world import demo_user
from .world import focal_point_for
from .world import person_name
from .world import row_rng

Role = RoleAssignment.Role


@dataclass(frozen=True)
class Persona:
    """A demo account to log in as; `anchor` indexes the organization it works for."""

    label: str
    username: str
    email: str = ""
    anchor: int | None = None


PERSONAS = [
    Persona("Secretariat", "secretariat", f"secretariat@{DOMAIN}"),
    Persona("Focal point for Malawi", f"{PREFIX}focal-mwi"),
    Persona("Focal point for Fiji", f"{PREFIX}focal-fji"),
    Persona("Focal point for Peru", f"{PREFIX}focal-per"),
    Persona("Focal point for Senegal", f"{PREFIX}focal-sen"),
    Persona("Coordinator for Eastern Africa", f"{PREFIX}coord-014"),
    Persona("Coordinator for Western Africa", f"{PREFIX}coord-011"),
    Persona("Coordinator for South America", f"{PREFIX}coord-005"),
    Persona("Coordinator for the Caribbean", f"{PREFIX}coord-029"),
    Persona("Coordinator for Melanesia", f"{PREFIX}coord-054"),
    Persona("Coordinator for South-eastern Asia", f"{PREFIX}coord-035"),
    Persona("NGO member in Malawi", f"{PREFIX}member", f"member@{DOMAIN}", 0),
    Persona("Provider in South Africa", f"{PREFIX}provider", f"provider@{DOMAIN}", 1),
    Persona("Donor in Norway", f"{PREFIX}donor", f"donor@{DOMAIN}", 2),
]


def personas_complete() -> bool:
    usernames = [p.username for p in PERSONAS]
    return User.objects.filter(username__in=usernames).count() == len(PERSONAS)


def officials_ensure(*, world: World, seed: int) -> None:
    """A focal point for every requesting country, a coordinator for its region."""
    countries = sorted(world.requesters.items, key=lambda c: c.iso3)
    regions = {}
    for country in countries:
        region = coordination_region(country)
        regions.setdefault(region.code, (region, country))
    wanted = [
        (focal_point_for(row_rng(seed, "focal", i), world, c), c, None)
        for i, c in enumerate(countries)
    ] + [
        (coordinator_for(row_rng(seed, "coordinator", int(code)), world, r, c), None, r)
        for code, (r, c) in sorted(regions.items())
    ]
    usernames = [user.username for user, *_ in wanted]
    existing = set(
        User.objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    missing = [w for w in wanted if w[0].username not in existing]
    User.objects.bulk_create([user for user, *_ in missing])
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user,
            role=Role.FOCAL_POINT if country else Role.COORDINATOR,
            country=country,
            region=region,
        )
        for user, country, region in missing
    )


def personas_ensure(*, world: World, seed: int) -> None:
    """Persona accounts with verified e-mail addresses and a profile."""
    for index, persona in enumerate(PERSONAS):
        user = User.objects.filter(username=persona.username).first()
        if user is None and persona.username == "secretariat":
            user = secretariat_persona()
        if user is None and persona.anchor is not None:
            organization = (
                Membership.objects.select_related("organization__country")
                .get(user__username=f"{STAFF}{persona.anchor}")
                .organization
            )
            rng = row_rng(seed, "persona", index)
            first, last = person_name(rng, world, organization.country)
            user = demo_user(persona.username, persona.email, first, last, world.now)
            user.save()
            Membership.objects.create(
                user=user, organization=organization, is_admin=True
            )
        if user is None:
            continue
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        Profile.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or persona.label}
        )


def secretariat_persona() -> User:
    user, _ = User.objects.get_or_create(
        username="secretariat",
        defaults={
            "email": f"secretariat@{DOMAIN}",
            "first_name": "Secretariat",
            "password": make_password(None),
            "is_staff": True,
        },
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.SECRETARIAT)
    return user


@dataclass(frozen=True)
class Login:
    label: str
    email: str
    password: str


@transaction.atomic
def persona_logins_reset() -> tuple[list[Login], int]:
    """Give every persona a fresh password; return the logins and how many are missing.

    The secretariat is created if need be, so that a fresh instance has one
    login even before `seed-demo`.
    """
    secretariat_persona()
    users = User.objects.filter(username__in=[p.username for p in PERSONAS])
    by_username = {user.username: user for user in users}
    logins = []
    for persona in PERSONAS:
        user = by_username.get(persona.username)
        if user is None:
            continue
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        logins.append(Login(persona.label, user.email, password))
    return logins, len(PERSONAS) - len(logins)
