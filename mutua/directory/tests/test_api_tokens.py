"""API tokens: made on a page or by the `create_token` command, shown once,
revoked by their owner, refused once revoked or their account deactivated."""

import io
import re

import pytest
from django.core.management import CommandError
from django.core.management import call_command
from django.urls import reverse

from mutua.directory import services
from mutua.directory.models import ApiToken
from mutua.testing.http import call
from mutua.testing.http import errors
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once_and_works(client, people):
    client.force_login(people.provider)
    response = client.post(reverse("directory:tokens"), {"name": "field app"})
    key = re.search(r'<p class="key" id="new-key">(mt_[\w-]+)</p>', text(response))[1]
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=people.provider)
    assert token.name == "field app" and token.digest != key and key not in repr(token)
    assert services.api_token_authenticate(key) == people.provider
    page = text(client.get(reverse("directory:tokens")))
    assert "field app" in page and key not in page and token.prefix in page


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "This field is required"), ("n" * 101, "at most 100 characters")],
)
def test_a_token_needs_a_short_name(client, people, name, message):
    client.force_login(people.provider)
    response = client.post(reverse("directory:tokens"), {"name": name})
    assert message in text(response) and 'id="id_name_error"' in text(response)
    assert not ApiToken.objects.exists()


def test_a_user_sees_and_revokes_only_their_own_tokens(client, people):
    mine, _ = services.api_token_create(user=people.provider, name="mine")
    theirs, _ = services.api_token_create(user=people.member, name="theirs")
    client.force_login(people.provider)
    page = text(client.get(reverse("directory:tokens")))
    assert "mine" in page and "theirs" not in page
    other = reverse("directory:token_revoke", args=[theirs.pk])
    assert client.get(other).status_code == 404
    assert client.post(other).status_code == 404
    own = reverse("directory:token_revoke", args=[mine.pk])
    assert "Revoke the token “mine”" in text(client.get(own))
    assert client.post(own).status_code == 302
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["theirs"]


def test_create_token_prints_a_key_that_authenticates(client, people):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_token", "outsider@example.org", "phone", stdout=out, stderr=err
    )
    key = out.getvalue().strip()
    assert key.startswith("mt_") and "keep this key secret" in err.getvalue()
    token = ApiToken.objects.get(user=people.outsider)
    assert token.name == "phone" and token.digest != key
    body = {"name": "Token Trust", "country": "MWI", "type": "ngo"}
    response = call(
        client,
        "POST",
        "/organizations",
        body,
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_create_token_refuses_unknown_accounts_and_empty_names(people):
    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("create_token", "nobody@example.org", "phone")
    with pytest.raises(CommandError, match="name"):
        call_command("create_token", "outsider@example.org", "  ")
    assert not ApiToken.objects.exists()


def test_a_token_of_a_deactivated_account_is_refused(client, people):
    _, key = services.api_token_create(user=people.member, name="old phone")
    people.member.is_active = False
    people.member.save()
    response = call(
        client, "GET", "/organizations", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 401
    assert errors(response) == {None: "Unknown or revoked token."}
