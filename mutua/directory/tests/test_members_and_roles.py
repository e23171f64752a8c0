"""An organization's admins manage its members; the secretariat grants and
revokes the scoped roles."""

import pytest
from django.urls import reverse

from mutua.directory.models import Membership
from mutua.directory.models import RoleAssignment
from mutua.testing.http import members_url
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


# Members ---------------------------------------------------------------------


def test_an_admin_adds_a_member_by_email(client, people):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": "OUTSIDER@example.org"})
    assert response.status_code == 302
    membership = Membership.objects.get(organization=people.ngo, user=people.outsider)
    assert not membership.is_admin
    client.post(members_url(people), {"email": people.outsider.email, "is_admin": "on"})
    membership.refresh_from_db()
    assert membership.is_admin


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.org", "No account uses this e-mail"),
        ("not an e-mail", "Enter a valid email address"),
        ("", "This field is required"),
    ],
)
def test_adding_an_unknown_member_says_why(client, people, email, message):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": email})
    assert message in text(response) and 'id="id_email_error"' in text(response)
    assert Membership.objects.filter(organization=people.ngo).count() == 1


def test_the_last_admin_may_not_step_down(client, people):
    client.force_login(people.member)
    response = client.post(members_url(people), {"email": people.member.email})
    assert "keeps at least one admin" in text(response)
    assert Membership.objects.get(user=people.member).is_admin


def test_an_admin_removes_a_member_after_confirming(client, people):
    membership = Membership.objects.create(
        user=people.outsider, organization=people.ngo
    )
    url = reverse("directory:member_remove", args=[people.ngo.uuid, membership.pk])
    client.force_login(people.member)
    page = text(client.get(url))
    assert "Remove outsider@example.org" in page and 'method="post"' in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and response.url == members_url(people)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_the_last_admin_is_refused_with_a_message(client, people):
    only = Membership.objects.get(user=people.member)
    url = reverse("directory:member_remove", args=[people.ngo.uuid, only.pk])
    client.force_login(people.member)
    response = client.post(url, follow=True)
    assert "keeps at least one admin" in text(response)
    assert Membership.objects.filter(pk=only.pk).exists()


def test_a_membership_of_another_organization_is_not_found(client, people):
    other = Membership.objects.get(user=people.provider)
    url = reverse("directory:member_remove", args=[people.ngo.uuid, other.pk])
    client.force_login(people.member)
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


# Roles -----------------------------------------------------------------------


def test_the_secretariat_lists_and_filters_roles(client, people):
    client.force_login(people.secretariat)
    page = text(client.get(reverse("directory:roles")))
    assert "focal@example.org" in page and "coordinator@example.org" in page
    page = text(client.get(reverse("directory:roles"), {"role": "focal_point"}))
    assert "focal@example.org" in page and "coordinator@example.org" not in page
    page = text(client.get(reverse("directory:roles"), {"q": "malawi"}))
    assert (
        "focal@example.org" in page and "secretariat@example.org</strong>" not in page
    )
    bad = client.get(reverse("directory:roles"), {"role": "king", "page": "x"})
    assert bad.status_code == 200


def test_the_secretariat_grants_a_focal_point_for_a_country(client, people):
    client.force_login(people.secretariat)
    response = client.post(
        reverse("directory:roles"),
        {"email": people.outsider.email, "role": "focal_point", "country": "KEN"},
    )
    assert response.status_code == 302
    role = RoleAssignment.objects.get(user=people.outsider)
    assert role.country.iso3 == "KEN" and role.granted_by == people.secretariat


def test_the_secretariat_grants_a_coordinator_for_a_region(client, people):
    client.force_login(people.secretariat)
    client.post(
        reverse("directory:roles"),
        {"email": people.outsider.email, "role": "coordinator", "region": "009"},
    )
    assert RoleAssignment.objects.get(user=people.outsider).region.name == "Oceania"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"role": "focal_point"},
            "country",
            "A focal point is granted for one country",
        ),
        ({"role": "coordinator", "country": "KEN"}, "region", "for one region"),
        ({"role": "secretariat", "country": "KEN"}, "role", "has no scope"),
        ({"role": "focal_point", "country": "ATL"}, "country", "Choose a country"),
        ({"role": "coordinator", "region": "999"}, "region", "Choose a region"),
        ({"role": "king"}, "role", "Select a valid choice"),
        ({"role": "secretariat", "email": "x@y.org"}, "email", "No account uses"),
    ],
)
def test_a_bad_grant_says_which_field_is_wrong(client, people, data, field, message):
    client.force_login(people.secretariat)
    response = client.post(
        reverse("directory:roles"), {"email": people.outsider.email} | data
    )
    assert message in text(response) and f'id="id_{field}_error"' in text(response)
    assert not RoleAssignment.objects.filter(user=people.outsider).exists()


def test_the_secretariat_revokes_a_role_after_confirming(client, people):
    role = RoleAssignment.objects.get(user=people.focal_point)
    url = reverse("directory:role_revoke", args=[role.pk])
    client.force_login(people.secretariat)
    assert "Revoke National focal point (Malawi)" in text(client.get(url))
    assert client.post(url).status_code == 302
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize(
    "persona", ["outsider", "focal_point", "coordinator", "member"]
)
def test_only_the_secretariat_manages_roles(client, people, persona):
    role = RoleAssignment.objects.get(user=people.focal_point)
    client.force_login(getattr(people, persona))
    assert client.get(reverse("directory:roles")).status_code == 403
    grant = {"email": people.outsider.email, "role": "secretariat"}
    assert client.post(reverse("directory:roles"), grant).status_code == 403
    revoke = reverse("directory:role_revoke", args=[role.pk])
    assert client.post(revoke).status_code == 403
    assert RoleAssignment.objects.filter(pk=role.pk).exists()
    assert not RoleAssignment.objects.filter(user=people.outsider).exists()
