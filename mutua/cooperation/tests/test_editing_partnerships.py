"""Changing a partnership and its participants: who may, what is refused, and an
edit that crossed another."""

import pytest

from mutua.cooperation import services
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db


def test_visitors_read_but_only_editors_see_and_use_the_edit_links(client, people):
    partnership = entered(people)
    url = partnership.get_absolute_url()
    assert "Edit the partnership" not in client.get(url).content.decode()
    assert client.get(f"{url}edit/").status_code == 302  # to log in
    client.force_login(people.outsider)
    assert "Edit the partnership" not in client.get(url).content.decode()
    for page in ("edit/", "activity/new/", "participants/new/"):
        assert client.get(f"{url}{page}").status_code == 403
    assert client.post(f"{url}edit/", {"title": "Mine"}).status_code == 403
    client.force_login(people.coordinator)
    assert "Edit the partnership" in client.get(url).content.decode()


def test_bad_edits_of_a_partnership_are_refused_and_nothing_changes(client, people):
    partnership = entered(people)
    url = partnership.get_absolute_url()
    client.force_login(people.member)
    response = client.post(
        f"{url}edit/",
        {
            "title": "Renamed",
            "status": "active",
            "started_on": "2026-03-01",
            "ended_on": "2020-01-01",
        },
    )
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.title == "Wetland monitoring with drones"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "funder", "organization": "Nobody Trust"}, "No organization of that"),
        ({"role": "funder", "name": "Somebody"}, "needs an organization or a country"),
        ({"role": "emperor", "country": "DEU"}, "Select a valid choice."),
    ],
)
def test_bad_participants_are_refused_on_the_page(client, people, data, message):
    partnership = entered(people)
    client.force_login(people.member)
    response = client.post(f"{partnership.get_absolute_url()}participants/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert partnership.participants.count() == 2


def test_removing_one_of_the_last_two_participants_is_refused_with_a_message(
    client, people
):
    partnership = entered(people)
    participant = partnership.participants.first()
    client.force_login(people.member)
    url = f"{partnership.get_absolute_url()}participants/{participant.pk}/remove/"
    assert "Yes, remove it" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "A partnership keeps at least two participants." in (
        response.content.decode()
    )
    assert partnership.participants.count() == 2


def test_an_edit_of_a_field_changed_meanwhile_is_refused_with_the_newer_value(
    client, people
):
    partnership = entered(people)
    url = f"{partnership.get_absolute_url()}edit/"
    client.force_login(people.member)
    assert 'name="initial-title"' in client.get(url).content.decode()
    shown = {
        "title": partnership.title,
        "status": partnership.status,
        "started_on": "2026-03-01",
    }
    as_shown = {f"initial-{name}": value for name, value in shown.items()}
    services.partnership_update(partnership=partnership, by=people.member, title="X")
    response = client.post(url, shown | as_shown | {"title": "Mine"})
    assert "Someone else changed this meanwhile to “X”" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.title == "X"
    response = client.post(url, shown | as_shown | {"description": "Drones, weekly."})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.title, partnership.description) == ("X", "Drones, weekly.")
