"""The import page: who may upload, the form, its limits, the blank templates and
what a written import shows once."""

import pytest

from mutua.directory.models import Organization
from mutua.exchange.models import Request
from mutua.importing import columns
from mutua.testing.uploads import ORGANIZATIONS
from mutua.testing.uploads import REQUESTS
from mutua.testing.uploads import csv_file
from mutua.testing.uploads import run
from mutua.testing.uploads import upload

pytestmark = pytest.mark.django_db


def test_the_page_refuses_anonymous_users(client, people):
    assert client.get("/import/").url.startswith("/accounts/login/")
    assert client.get("/import/done/").url.startswith("/accounts/login/")
    response = upload(client, csv_file(ORGANIZATIONS))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert Organization.objects.count() == 2


def test_the_pages_refuse_other_methods(client, people):
    client.force_login(people.member)
    assert client.put("/import/").status_code == 405
    assert client.post("/import/done/").status_code == 405
    assert client.post("/import/template/offers.csv").status_code == 405


def test_the_page_offers_a_form_and_the_templates(client, people):
    client.force_login(people.member)
    page = client.get("/import/").content.decode()
    assert 'enctype="multipart/form-data"' in page and '<label for="id_file"' in page
    assert "/import/template/offers.csv" in page


@pytest.mark.parametrize("kind", columns.KINDS)
def test_each_template_downloads_and_imports_as_it_is(client, people, kind):
    response = client.get(f"/import/template/{kind}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="mutua-{kind}.csv"'
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [c.name for c in columns.COLUMNS[kind]]
    outcome = run(people.secretariat, response.content)
    assert outcome.ok, outcome.problems
    assert outcome.kind == kind and outcome.created == 1


def test_an_unknown_template_is_not_found(client):
    assert client.get("/import/template/partnerships.csv").status_code == 404


def test_the_page_imports_a_valid_file_and_shows_what_it_wrote_once(client, people):
    client.force_login(people.member)
    response = upload(client, csv_file(REQUESTS), kind="requests")
    assert response.status_code == 302 and response.url == "/import/done/"
    page = client.get("/import/done/").content.decode()
    assert "2 rows imported." in page and "Barcoding of cichlids" in page
    assert client.get("/import/done/").url == "/import/"
    assert Request.objects.count() == 2


def test_the_page_refuses_a_file_over_5_mb(client, people):
    client.force_login(people.member)
    response = upload(client, b"a" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()


def test_the_page_refuses_more_than_5000_rows(client, people):
    client.force_login(people.outsider)
    rows = [["name", "country", "type"]] + [["Trust", "MWI", "ngo"]] * 5001
    response = upload(client, csv_file(rows))
    assert response.status_code == 422
    assert "more than 5,000 rows" in response.content.decode()


def test_the_page_refuses_an_unknown_kind(client, people):
    client.force_login(people.member)
    response = upload(client, csv_file(REQUESTS), kind="partnerships")
    assert response.status_code == 400 and Request.objects.count() == 0
