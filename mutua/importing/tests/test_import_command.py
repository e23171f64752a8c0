"""`mutua import`: a file imported from the shell as a named user."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mutua.exchange.models import Request
from mutua.testing.uploads import REQUESTS
from mutua.testing.uploads import csv_file

pytestmark = pytest.mark.django_db


def test_the_command_imports_as_the_named_user(people, tmp_path, capsys):
    path = tmp_path / "requests.csv"
    path.write_bytes(csv_file(REQUESTS))
    call_command("import", str(path), "--as", "MEMBER@example.org", "--publish")
    assert "2 requests imported." in capsys.readouterr().out
    assert set(Request.objects.values_list("created_by", flat=True)) == {
        people.member.pk
    }


def test_the_command_refuses_an_unknown_user_and_a_missing_file(people, tmp_path):
    with pytest.raises(CommandError, match="No single active user"):
        call_command("import", str(tmp_path / "x.csv"), "--as", "nobody@example.org")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", str(tmp_path / "x.csv"), "--as", people.member.email)
