"""Who holds which scoped role. Every permission rule of the project starts here."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import ApiToken
from .models import Country
from .models import Membership
from .models import Organization
from .models import RoleAssignment

Actor = User | AnonymousUser


def _roles(user: Actor) -> list[RoleAssignment]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_mutua_roles", None)
    if cached is None:
        cached = list(user.roles.select_related("country", "region"))
        user._mutua_roles = cached
    return cached


def forget_roles(user: Actor) -> None:
    """Drop the roles and memberships cached on a user object after they change."""
    user.__dict__.pop("_mutua_roles", None)
    user.__dict__.pop("_mutua_orgs", None)


def is_secretariat(user: Actor) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or any(r.role == RoleAssignment.Role.SECRETARIAT for r in _roles(user))
    )


def focal_point_country_ids(user: Actor) -> set[int]:
    return {
        r.country_id for r in _roles(user) if r.role == RoleAssignment.Role.FOCAL_POINT
    }


def coordinated_region_ids(user: Actor) -> set[int]:
    return {
        r.region_id for r in _roles(user) if r.role == RoleAssignment.Role.COORDINATOR
    }


def is_focal_point_for(user: Actor, country: Country) -> bool:
    return country.pk in focal_point_country_ids(user)


def coordinates(user: Actor, country: Country) -> bool:
    """A coordinator of the country's region, subregion or intermediate region."""
    regions = coordinated_region_ids(user)
    return bool(
        regions
        & {country.region_id, country.subregion_id, country.intermediate_region_id}
    )


def is_member(user: Actor, organization: Organization | None) -> bool:
    if organization is None or not user.is_authenticated:
        return False
    return organization.pk in member_organization_ids(user)


def member_organization_ids(user: Actor) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_mutua_orgs", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user).values_list(
                "organization_id", flat=True
            )
        )
        user._mutua_orgs = cached
    return cached


def is_org_admin(user: Actor, organization: Organization) -> bool:
    return is_secretariat(user) or (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organization=organization, is_admin=True
        ).exists()
    )


# Fetches for the pages: the same 404 for missing and not-yours where existence is
# private; organizations are public, so a non-admin who asks to change one is refused.


def organization_for_user(user: Actor, uuid, *, write: bool = False) -> Organization:
    """The organization, or 404; with `write`, refuse anyone but its admins."""
    organization = (
        Organization.objects.select_related(
            "country__region", "country__subregion", "country__intermediate_region"
        )
        .filter(uuid=uuid)
        .first()
    )
    if organization is None:
        raise Http404("No such organization.")
    if write and not is_org_admin(user, organization):
        raise PermissionDenied("Only the organization's admins may change it.")
    return organization


def membership_for_user(user: Actor, organization: Organization, pk: int) -> Membership:
    """A membership of an organization the user administers, or 404."""
    if not is_org_admin(user, organization):
        raise PermissionDenied("Only the organization's admins manage its members.")
    membership = (
        Membership.objects.select_related("user", "organization")
        .filter(organization=organization, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404("No such member.")
    return membership


def role_assignment_for_user(user: Actor, pk: int) -> RoleAssignment:
    """A role assignment, for the secretariat only."""
    if not is_secretariat(user):
        raise PermissionDenied("Only the secretariat manages roles.")
    assignment = (
        RoleAssignment.objects.select_related("user", "country", "region")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404("No such role.")
    return assignment


def api_token_for_user(user: Actor, pk: int) -> ApiToken:
    """One of the user's own API tokens, or 404."""
    token = (
        ApiToken.objects.filter(user_id=user.pk, pk=pk).first()
        if user.is_authenticated
        else None
    )
    if token is None:
        raise Http404("No such token.")
    return token
