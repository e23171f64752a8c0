"""Every page that writes: anonymous visitors are sent to log in, methods other
than GET and POST are refused, and only an organization's admins (or the
secretariat) change it."""

import pytest
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import Membership
from mutua.directory.models import RoleAssignment
from mutua.testing.builders import NEW_ORG
from mutua.testing.http import members_url

pytestmark = pytest.mark.django_db


def write_urls(people) -> dict[str, str]:
    membership = Membership.objects.get(user=people.member)
    role = RoleAssignment.objects.get(user=people.focal_point)
    token, _ = services.api_token_create(user=people.member, name="t")
    return {
        "organization_new": reverse("directory:organization_new"),
        "organization_edit": reverse(
            "directory:organization_edit", args=[people.ngo.uuid]
        ),
        "organization_members": members_url(people),
        "member_remove": reverse(
            "directory:member_remove", args=[people.ngo.uuid, membership.pk]
        ),
        "roles": reverse("directory:roles"),
        "role_revoke": reverse("directory:role_revoke", args=[role.pk]),
        "tokens": reverse("directory:tokens"),
        "token_revoke": reverse("directory:token_revoke", args=[token.pk]),
        "profile": reverse("directory:profile"),
    }


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    for name, url in write_urls(people).items():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, name
            assert response.url.startswith("/accounts/login/?next="), name
    assert Membership.objects.count() == 2 and RoleAssignment.objects.count() == 3


def test_write_views_refuse_other_methods(client, people):
    client.force_login(people.secretariat)
    for name, url in write_urls(people).items():
        assert client.put(url).status_code == 405, name
        assert client.delete(url).status_code == 405, name
    for url in ["/", "/countries/", "/countries/MWI/", "/organizations/"]:
        assert client.post(url).status_code == 405


@pytest.mark.parametrize("persona", ["outsider", "provider", "focal_point"])
def test_only_admins_of_an_organization_change_it(client, people, persona):
    membership = Membership.objects.get(user=people.member)
    client.force_login(getattr(people, persona))
    urls = write_urls(people)
    for name in ["organization_edit", "organization_members", "member_remove"]:
        assert client.get(urls[name]).status_code == 403, name
        assert client.post(urls[name], NEW_ORG).status_code == 403, name
    people.ngo.refresh_from_db()
    assert people.ngo.name == "Lilongwe Wetlands Trust"
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_plain_member_may_not_manage_the_organization(client, people):
    Membership.objects.create(user=people.outsider, organization=people.ngo)
    client.force_login(people.outsider)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert client.post(url, NEW_ORG).status_code == 403


def test_the_secretariat_may_edit_any_organization(client, people):
    client.force_login(people.secretariat)
    url = reverse("directory:organization_edit", args=[people.ngo.uuid])
    assert client.post(url, NEW_ORG | {"country": "MWI"}).status_code == 302
