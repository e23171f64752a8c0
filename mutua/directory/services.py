"""Writes of the directory: organizations, memberships, roles, API tokens."""

import uuid as uuid_lib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from mutua.core import edits
from mutua.core.errors import Conflict
from mutua.core.errors import NotFound
from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError

from . import access
from .models import ApiToken
from .models import Country
from .models import Language
from .models import Membership
from .models import Organization
from .models import Profile
from .models import Region
from .models import RoleAssignment


def organization_prepare(
    *,
    by: User,
    name: str,
    country: Country,
    type: str,
    website: str = "",
    description: str = "",
    uuid: uuid_lib.UUID | None = None,
) -> tuple[Organization, bool]:
    """`organization_create`'s rules, applied without writing anything: the
    organization to create and True, or the one already under `uuid` and False."""
    if not by.is_authenticated:
        raise PermissionDenied(gettext("Sign in to register an organization."))
    if uuid is not None:
        existing = Organization.objects.filter(uuid=uuid).first()
        if existing is not None:
            if not existing.members.filter(pk=by.pk).exists():
                # Nothing of the other record, not even that it exists.
                raise NotFound({"uuid": gettext("No record of yours has this id.")})
            return existing, False
    organization = Organization(
        name=name.strip(),
        country=country,
        type=type,
        website=website,
        description=description,
        **({"uuid": uuid} if uuid else {}),
    )
    organization.search_text = organization.build_search_text()
    organization.full_clean()
    return organization, True


@transaction.atomic
def organization_create(*, by: User, **fields) -> Organization:
    """Register an organization; its creator becomes its first admin."""
    organization, created = organization_prepare(by=by, **fields)
    if created:
        organization.save()
        Membership.objects.create(user=by, organization=organization, is_admin=True)
        access.forget_roles(by)
    return organization


def organizations_write(*, by: User, organizations: list[Organization]) -> None:
    """Write organizations checked by `organization_prepare`, `by` their admin, in
    an INSERT per batch: inside the caller's transaction."""
    Organization.objects.bulk_create(organizations, batch_size=500)
    Membership.objects.bulk_create(
        (Membership(user=by, organization=o, is_admin=True) for o in organizations),
        batch_size=500,
    )
    access.forget_roles(by)


@transaction.atomic
def organization_update(
    *, organization: Organization, by: User, seen: dict | None = None, **fields
) -> Organization:
    """Change the fields given, and only those, on the organization as stored now;
    a field changed since the client read it (`seen`) is refused."""
    organization = edits.locked(organization)
    if not access.is_org_admin(by, organization):
        raise PermissionDenied(gettext("Only the organization's admins may change it."))
    country = fields.get("country")
    if (
        country is not None
        and country.pk != organization.country_id
        and (
            organization.requests.exists()
            or organization.offers.exists()
            or organization.opportunities.exists()
        )
    ):
        raise Conflict(
            {
                "country": gettext(
                    "An organization with requests or offers keeps its country."
                )
            }
        )
    edits.refuse_stale(organization, fields, seen)
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.search_text = organization.build_search_text()
    organization.full_clean()
    organization.save(update_fields=[*fields, "search_text", "updated_at"])
    return organization


def organization_verify(*, organization: Organization, by: User) -> Organization:
    if not access.is_secretariat(by):
        raise PermissionDenied(gettext("Only the secretariat verifies organizations."))
    organization.verified = True
    organization.save(update_fields=["verified", "updated_at"])
    return organization


@transaction.atomic
def membership_add(
    *, organization: Organization, user: User, by: User, is_admin: bool = False
) -> Membership:
    if not access.is_org_admin(by, organization):
        raise PermissionDenied(
            gettext("Only the organization's admins may add members.")
        )
    if not is_admin and _is_last_admin(organization, user):
        raise ValidationError(
            {"is_admin": gettext("An organization keeps at least one admin.")}
        )
    membership, _ = Membership.objects.update_or_create(
        user=user, organization=organization, defaults={"is_admin": is_admin}
    )
    access.forget_roles(user)
    return membership


def _is_last_admin(organization: Organization, user: User) -> bool:
    admins = list(
        Membership.objects.select_for_update()
        .filter(organization=organization, is_admin=True)
        .order_by("pk")
        .values_list("user_id", flat=True)
    )
    return admins == [user.pk]


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a member; an organization always keeps at least one admin."""
    organization = membership.organization
    if not access.is_org_admin(by, organization):
        raise PermissionDenied(
            gettext("Only the organization's admins may remove members.")
        )
    if _is_last_admin(organization, membership.user):
        raise ValidationError(
            {
                "member": gettext(
                    "An organization keeps at least one admin: make another "
                    "member an admin first."
                )
            }
        )
    membership.delete()
    access.forget_roles(membership.user)


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    expertise: str,
    languages: Iterable[Language],
    time_zone: str = "",
) -> Profile:
    """Save the user's profile, creating it on first use."""
    if not user.is_authenticated:
        raise PermissionDenied(gettext("Sign in to edit your profile."))
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.display_name = display_name.strip()
    profile.expertise = expertise.strip()
    profile.time_zone = time_zone
    profile.full_clean()
    profile.save()
    profile.languages.set(list(languages))
    return profile


def language_keep(*, user: User, language: str) -> None:
    """Keep the language a signed-in user chose on the pages, for the e-mails
    Mutua sends them (a language the site does not speak is ignored)."""
    if language not in dict(settings.LANGUAGES):
        return
    Profile.objects.update_or_create(user=user, defaults={"language": language})


@transaction.atomic
def role_grant(
    *,
    user: User,
    role: str,
    by: User,
    country: Country | None = None,
    region: Region | None = None,
) -> RoleAssignment:
    """Grant a scoped role; only the secretariat grants roles."""
    if not access.is_secretariat(by):
        raise PermissionDenied(gettext("Only the secretariat grants roles."))
    if role == RoleAssignment.Role.FOCAL_POINT and (country is None or region):
        raise ValidationError(
            {"country": gettext("A focal point is granted for one country.")}
        )
    if role == RoleAssignment.Role.COORDINATOR and (region is None or country):
        raise ValidationError(
            {"region": gettext("A coordinator is granted for one region.")}
        )
    if role == RoleAssignment.Role.SECRETARIAT and (region or country):
        raise ValidationError({"role": gettext("The secretariat role has no scope.")})
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        country=country,
        region=region,
        defaults={"granted_by": by},
    )
    access.forget_roles(user)
    return assignment


def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    if not access.is_secretariat(by):
        raise PermissionDenied(gettext("Only the secretariat revokes roles."))
    assignment.delete()
    access.forget_roles(assignment.user)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its key, which is shown only once."""
    if not name.strip():
        raise ValidationError({"name": gettext("Give the token a name.")})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        digest=ApiToken.digest_of(key),
        prefix=key[:8],
    )
    return token, key


def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """Delete a token; only its owner revokes it."""
    if token.user_id != by.pk:
        raise PermissionDenied(gettext("Only the token's owner may revoke it."))
    token.delete()


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def region_centre_set(
    *, region: Region, organization: Organization, by: User
) -> Region:
    """Name the organization that hosts the region's cooperation centre."""
    if not access.is_secretariat(by):
        raise PermissionDenied(gettext("Only the secretariat names regional centres."))
    region.centre = organization
    region.save(update_fields=["centre"])
    return region
