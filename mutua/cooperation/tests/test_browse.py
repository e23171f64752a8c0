"""The list of partnerships, searched and narrowed by type, and its downloads."""

import pytest

from mutua.cooperation.models import Activity
from mutua.directory.models import Modality
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db


def test_the_list_searches_and_narrows_by_type(client, people):
    entered(people, title="Drones over wetlands")
    entered(people, title="Seed banks")
    body = client.get("/partnerships/?q=drones").content.decode()
    assert "Drones over wetlands" in body and "Seed banks" not in body
    body = client.get("/partnerships/?type=north_south").content.decode()
    assert "No partnership matches" in body


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_table_downloads_in_every_format(client, people, fmt):
    partnership = entered(people, title="Drones over wetlands")
    Activity.objects.create(
        partnership=partnership,
        title="Flight school",
        modality=Modality.objects.first(),
        delivery="virtual",
        held_on="2026-01-01",
    )
    for table in ("partnerships", "activities", "technologies", "policies", "funding"):
        response = client.get(f"/partnerships/export/{table}.{fmt}")
        assert response.status_code == 200
        assert f'filename="{table}.{fmt}"' in response["Content-Disposition"]
    activities = client.get(f"/partnerships/export/activities.{fmt}?q=drones")
    if fmt != "xlsx":
        assert "Flight school" in activities.content.decode()
    assert client.get(f"/partnerships/export/secrets.{fmt}").status_code == 404
    assert client.get("/partnerships/export/activities.pdf").status_code == 404
