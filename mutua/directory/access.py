"""Who holds which scoped role. Every permission rule of the project starts here."""

from django.contrib.auth.models import AnonymousUser, User

from .models import Country, Membership, Organization, RoleAssignment

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
