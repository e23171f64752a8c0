"""Who may do what in the directory: every persona against every write, twice.

The cells read as in `mutua/exchange/tests/test_permissions.py`, whose machinery
this matrix shares. Anyone signed in registers an organization and manages their
own tokens and profile; an organization's admins (and the secretariat) change it
and its members; only the secretariat grants and revokes roles and verifies
organizations. The API covers organizations only: members, roles, tokens and
profiles have no endpoints, so those rows run on the pages alone.
"""

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import ApiToken
from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.directory.models import Profile
from mutua.directory.models import RoleAssignment
from mutua.testing.matrix import Cell
from mutua.testing.matrix import Row
from mutua.testing.matrix import matrix_tests
from mutua.testing.personas import make_user

pytestmark = pytest.mark.django_db

NAME = "Nyika Highlands Conservation Trust"
DESCRIPTION = "Restores montane grassland on the Nyika plateau."


def nothing(cell: Cell) -> None:
    return None


def colleague(cell: Cell) -> User:
    """Someone outside the matrix, to be added, removed, granted or revoked."""
    return make_user("colleague")


# Organizations ----------------------------------------------------------------------


def create_organization_page(cell: Cell) -> HttpResponse:
    data = {"name": NAME, "country": "MWI", "type": "ngo"}
    return cell.client.post(reverse("directory:organization_new"), data)


def create_organization_api(cell: Cell) -> HttpResponse:
    return cell.call(
        "POST", "/organizations", {"name": NAME, "country": "MWI", "type": "ngo"}
    )


def registered_as_admin(cell: Cell) -> bool:
    return Membership.objects.filter(
        organization__name=NAME, user=cell.user, is_admin=True
    ).exists()


def edit_organization_page(cell: Cell) -> HttpResponse:
    ngo = cell.people.ngo
    data = {
        "name": ngo.name,
        "country": "MWI",
        "type": ngo.type,
        "description": DESCRIPTION,
    }
    return cell.client.post(
        reverse("directory:organization_edit", args=[ngo.uuid]), data
    )


def edit_organization_api(cell: Cell) -> HttpResponse:
    return cell.call(
        "PATCH", f"/organizations/{cell.people.ngo.uuid}", {"description": DESCRIPTION}
    )


def described(cell: Cell) -> bool:
    return Organization.objects.get(pk=cell.people.ngo.pk).description == DESCRIPTION


def all_staff(cell: Cell) -> None:
    """Let everyone into the admin, so that the rule at stake is the role alone."""
    User.objects.update(is_staff=True)


def verify_in_the_admin(cell: Cell) -> HttpResponse:
    url = reverse("admin:directory_organization_changelist")
    data = {"action": "mark_verified", "_selected_action": [cell.people.ngo.pk]}
    return cell.client.post(url, data)


# Members ----------------------------------------------------------------------------


def add_member(cell: Cell) -> HttpResponse:
    url = reverse("directory:organization_members", args=[cell.people.ngo.uuid])
    return cell.client.post(url, {"email": cell.record.email})


def a_colleague_member(cell: Cell) -> Membership:
    return Membership.objects.create(user=colleague(cell), organization=cell.people.ngo)


def remove_member(cell: Cell) -> HttpResponse:
    url = reverse(
        "directory:member_remove", args=[cell.people.ngo.uuid, cell.record.pk]
    )
    return cell.client.post(url)


# Roles ------------------------------------------------------------------------------


def grant_role(cell: Cell) -> HttpResponse:
    data = {"email": cell.record.email, "role": "focal_point", "country": "ZAF"}
    return cell.client.post(reverse("directory:roles"), data)


def a_colleague_role(cell: Cell) -> RoleAssignment:
    return RoleAssignment.objects.create(
        user=colleague(cell),
        role=RoleAssignment.Role.FOCAL_POINT,
        country=cell.people.south_africa,
    )


def revoke_role(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("directory:role_revoke", args=[cell.record.pk]))


# Tokens and profile -----------------------------------------------------------------


def create_token(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("directory:tokens"), {"name": "field phone"})


def own_token(cell: Cell) -> ApiToken:
    """A token of the persona; a visitor, who has none, aims at a colleague's."""
    owner = cell.user or colleague(cell)
    return services.api_token_create(user=owner, name="field phone")[0]


def someone_elses_token(cell: Cell) -> ApiToken:
    return services.api_token_create(user=colleague(cell), name="field phone")[0]


def revoke_token(cell: Cell) -> HttpResponse:
    return cell.client.post(reverse("directory:token_revoke", args=[cell.record.pk]))


def gone(cell: Cell) -> bool:
    return not type(cell.record).objects.filter(pk=cell.record.pk).exists()


def edit_profile(cell: Cell) -> HttpResponse:
    data = {"display_name": "Grace Banda", "expertise": "Freshwater fish"}
    return cell.client.post(reverse("directory:profile"), data)


ROWS = {
    "create-organization": Row(
        nothing,
        create_organization_page,
        create_organization_api,
        done=registered_as_admin,
    ),
    "edit-organization": Row(
        nothing, edit_organization_page, edit_organization_api, done=described
    ),
    "verify-organization-in-the-admin": Row(
        all_staff,
        verify_in_the_admin,
        None,
        done=lambda cell: Organization.objects.get(pk=cell.people.ngo.pk).verified,
    ),
    "see-members": Row(
        nothing,
        lambda cell: cell.client.get(
            reverse("directory:organization_members", args=[cell.people.ngo.uuid])
        ),
        None,
        ok_status=200,
    ),
    "add-member": Row(
        colleague,
        add_member,
        None,
        done=lambda cell: Membership.objects.filter(
            user=cell.record, organization=cell.people.ngo
        ).exists(),
    ),
    "remove-member": Row(a_colleague_member, remove_member, None, done=gone),
    "see-roles": Row(
        nothing,
        lambda cell: cell.client.get(reverse("directory:roles")),
        None,
        ok_status=200,
    ),
    "grant-role": Row(
        colleague,
        grant_role,
        None,
        done=lambda cell: RoleAssignment.objects.filter(user=cell.record).exists(),
    ),
    "revoke-role": Row(a_colleague_role, revoke_role, None, done=gone),
    "create-token": Row(
        nothing,
        create_token,
        None,
        # The key is shown once, on the page itself.
        ok_status=200,
        done=lambda cell: ApiToken.objects.filter(
            user=cell.user, name="field phone"
        ).exists(),
    ),
    "revoke-own-token": Row(own_token, revoke_token, None, done=gone, per_persona=True),
    "revoke-someone-elses-token": Row(
        someone_elses_token, revoke_token, None, done=gone
    ),
    "edit-profile": Row(
        nothing,
        edit_profile,
        None,
        done=lambda cell: Profile.objects.filter(
            user=cell.user, display_name="Grace Banda"
        ).exists(),
    ),
}

TABLE = """
                                  focal_point coordinator member provider outsider secretariat anonymous
create-organization               ok          ok          ok     ok       ok       ok          login
edit-organization                 no          no          ok     no       no       ok          login
verify-organization-in-the-admin  no          no          no     no       no       ok          login
see-members                       no          no          ok     no       no       ok          login
add-member                        no          no          ok     no       no       ok          login
remove-member                     no          no          ok     no       no       ok          login
see-roles                         no          no          no     no       no       ok          login
grant-role                        no          no          no     no       no       ok          login
revoke-role                       no          no          no     no       no       ok          login
create-token                      ok          ok          ok     ok       ok       ok          login
revoke-own-token                  ok          ok          ok     ok       ok       ok          login
revoke-someone-elses-token        404         404         404    404      404      404         login
edit-profile                      ok          ok          ok     ok       ok       ok          login
"""
test_web, test_api = matrix_tests(TABLE, ROWS)
