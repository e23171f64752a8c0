"""Partnership pages: listing, entering, editing, recording results, permissions."""

import pytest

from mutua.cooperation import services
from mutua.cooperation.models import Activity, Attendance, ExchangeRate, Partnership
from mutua.directory.models import Modality
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db


def new_partnership(**changes) -> dict:
    data = {
        "title": "Seed banks for the Shire valley",
        "status": "active",
        "started_on": "2026-02-01",
        "participants-TOTAL_FORMS": "3",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "2",
        "participants-MAX_NUM_FORMS": "1000",
        "participants-0-role": "beneficiary",
        "participants-0-organization": "Lilongwe Wetlands Trust",
        "participants-1-role": "provider",
        "participants-1-organization": "University of Cape Town (ZAF)",
        "participants-2-role": "funder",
        "participants-2-country": "DEU",
        "participants-2-name": "A German foundation",
    }
    return {k: v for k, v in {**data, **changes}.items() if v is not None}


def test_a_member_records_a_partnership_with_its_participants(client, people):
    client.force_login(people.member)
    response = client.post("/partnerships/new/", new_partnership())
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == partnership.get_absolute_url()
    assert partnership.cooperation_type == "triangular"
    assert partnership.participants.count() == 3
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Cooperation type: Triangular" in body and "Add an activity" in body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"started_on": "someday"}, "Enter a valid date."),
        ({"participants-0-organization": "Nobody Trust"}, "No organization of that"),
        ({"participants-2-country": "XXX"}, "Choose a country from the list."),
        (
            {"participants-0-role": "provider"},
            "A partnership needs a beneficiary",
        ),
        (
            {
                "participants-1-role": "",
                "participants-1-organization": "",
                "participants-2-role": "",
                "participants-2-country": "",
                "participants-2-name": "",
            },
            "Please submit at least 2 forms.",
        ),
    ],
)
def test_bad_partnerships_are_refused_with_a_message_and_not_written(
    client, people, change, message
):
    client.force_login(people.member)
    response = client.post("/partnerships/new/", new_partnership(**change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Partnership.objects.exists()


def test_an_outsider_cannot_record_a_partnership_of_others(client, people):
    client.force_login(people.outsider)
    response = client.post("/partnerships/new/", new_partnership())
    assert response.status_code == 400
    assert "Add your organization or your country" in response.content.decode()
    assert not Partnership.objects.exists()


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


def test_an_editor_adds_an_activity_with_attendance_and_removes_it(client, people):
    partnership = entered(people)
    url = partnership.get_absolute_url()
    client.force_login(people.provider)
    modality = Modality.objects.get(code="awareness_raising")
    bad = client.post(
        f"{url}activity/new/",
        {"title": "Radio show", "modality": modality.pk, "delivery": "by pigeon"},
    )
    assert bad.status_code == 400 and not Activity.objects.exists()
    response = client.post(
        f"{url}activity/new/",
        {
            "title": "Radio show",
            "modality": modality.pk,
            "delivery": "virtual",
            "held_on": "2026-05-05",
            "lead_organization": "Lilongwe Wetlands Trust",
            "languages": ["ny"],
            "in_local_language": "on",
            "people_reached": "12000",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.lead_country == people.malawi
    rows = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-stakeholder_type": "government",
        "rows-0-role": "policymaker",
        "rows-0-gender": "woman",
        "rows-0-count": "4",
    }
    attendance = f"{url}activity/{activity.pk}/attendance/"
    assert client.post(attendance, rows).status_code == 302
    twice = {
        **rows,
        "rows-1-stakeholder_type": "government",
        "rows-1-role": "policymaker",
        "rows-1-gender": "woman",
        "rows-1-count": "2",
    }
    response = client.post(attendance, twice)
    assert response.status_code == 400
    assert "counted once" in response.content.decode()
    assert list(Attendance.objects.values_list("count", flat=True)) == [4]
    delete = f"{url}activity/{activity.pk}/delete/"
    assert "Yes, remove it" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not Activity.objects.exists()


def test_funding_in_a_currency_without_a_rate_is_refused_on_the_form(client, people):
    partnership = entered(people)
    funder = partnership.participants.get(role="provider")
    client.force_login(people.member)
    response = client.post(
        f"{partnership.get_absolute_url()}funding/new/",
        {
            "title": "Grant",
            "funder": funder.pk,
            "amount": "100",
            "currency": "XOF",
            "purpose": "travel",
            "dated": "2026-05-01",
        },
    )
    assert response.status_code == 400
    assert "No exchange rate for XOF" in response.content.decode()


def test_unknown_kinds_and_records_of_other_partnerships_are_not_found(client, people):
    partnership, other = entered(people), entered(people, title="Other")
    activity = Activity.objects.create(
        partnership=other,
        title="Elsewhere",
        modality=Modality.objects.first(),
        delivery="virtual",
        held_on="2026-01-01",
    )
    client.force_login(people.member)
    url = partnership.get_absolute_url()
    assert client.get(f"{url}spell/new/").status_code == 404
    assert client.get(f"{url}activity/{activity.pk}/").status_code == 404


def test_the_list_searches_and_narrows_by_type(client, people):
    entered(people, title="Drones over wetlands")
    entered(people, title="Seed banks")
    body = client.get("/partnerships/?q=drones").content.decode()
    assert "Drones over wetlands" in body and "Seed banks" not in body
    body = client.get("/partnerships/?type=north_south").content.decode()
    assert "No partnership matches" in body


def test_only_the_secretariat_stores_exchange_rates(client, people):
    client.force_login(people.coordinator)
    assert client.get("/exchange-rates/").status_code == 403
    client.force_login(people.secretariat)
    rate = {"currency": "eur", "valid_from": "2026-01-01", "source": "ECB"}
    bad = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "-1"})
    assert bad.status_code == 400 and not ExchangeRate.objects.exists()
    good = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "0.92"})
    assert good.status_code == 302
    assert ExchangeRate.objects.get().currency == "EUR"


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


def test_a_new_partnership_shows_field_and_date_errors_in_one_round(client, people):
    client.force_login(people.member)
    response = client.post(
        "/partnerships/new/",
        new_partnership(
            title="x" * 201, started_on="2026-03-01", ended_on="2020-01-01"
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in body
    assert "The end comes before the start." in body
    assert not Partnership.objects.exists()


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


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("technology", {"title": "", "dated": "2026-01-01"}, "title"),
        ("publication", {"title": "Paper", "dated": "2026-01-01", "url": "no"}, "url"),
        (
            "policy",
            {
                "title": "Act",
                "dated": "2026-01-01",
                "level": "galactic",
                "change": "developed",
                "stage": "adopted",
            },
            "level",
        ),
        (
            "funding",
            {
                "title": "Grant",
                "dated": "2026-01-01",
                "amount": "-5",
                "currency": "USD",
                "purpose": "travel",
            },
            "amount",
        ),
    ],
)
def test_bad_results_are_refused_on_the_page_naming_the_field(
    client, people, kind, data, field
):
    partnership = entered(people)
    if kind == "funding":
        data = {**data, "funder": partnership.participants.first().pk}
    client.force_login(people.member)
    response = client.post(f"{partnership.get_absolute_url()}{kind}/new/", data)
    assert response.status_code == 400
    assert f'id="id_{field}"' in response.content.decode()
    assert 'class="field invalid"' in response.content.decode()
    model = services.KINDS[kind]
    assert not model.objects.exists()


def test_a_bad_edit_of_an_activity_leaves_it_as_it_was(client, people):
    partnership = entered(people)
    activity = Activity.objects.create(
        partnership=partnership,
        title="Flight school",
        modality=Modality.objects.first(),
        delivery="virtual",
        held_on="2026-01-01",
    )
    client.force_login(people.member)
    response = client.post(
        f"{partnership.get_absolute_url()}activity/{activity.pk}/",
        {
            "title": "Renamed",
            "modality": activity.modality_id,
            "delivery": "by pigeon",
            "held_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.title == "Flight school"


def test_a_second_rate_for_the_same_currency_and_day_is_refused(client, people):
    client.force_login(people.secretariat)
    rate = {
        "currency": "EUR",
        "valid_from": "2026-01-01",
        "per_reporting_unit": "0.9",
        "source": "ECB",
    }
    assert client.post("/exchange-rates/", rate).status_code == 302
    response = client.post("/exchange-rates/", {**rate, "per_reporting_unit": "0.8"})
    assert response.status_code == 400
    assert ExchangeRate.objects.count() == 1


def attendance_page(people):
    partnership = entered(people)
    activity = Activity.objects.create(
        partnership=partnership,
        title="Field school",
        modality=Modality.objects.first(),
        delivery="face_to_face",
        held_on="2026-05-05",
        people_reached=5,
    )
    url = f"{partnership.get_absolute_url()}activity/{activity.pk}/attendance/"
    return activity, url


def rows_of(*counts, total=None) -> dict:
    data = {
        "rows-TOTAL_FORMS": str(total or len(counts)),
        "rows-INITIAL_FORMS": "0",
    }
    groups = [("government", "policymaker"), ("ngo", "practitioner")]
    for i, count in enumerate(counts):
        kind, role = groups[i]
        data |= {
            f"rows-{i}-stakeholder_type": kind,
            f"rows-{i}-role": role,
            f"rows-{i}-gender": "woman",
            f"rows-{i}-count": str(count),
        }
    return data


def test_attendance_above_the_reach_is_refused_unless_confirmed_with_a_reason(
    client, people
):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    response = client.post(url, rows_of(4, 3))
    assert response.status_code == 400
    assert "7 people took part but the activity reached 5" in response.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(url, {**rows_of(4, 3), "confirmed": "on"})
    assert response.status_code == 400
    assert "Say why more took part than the activity reached." in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()
    reason = "Five were reached on the first day; two came on the second."
    response = client.post(url, {**rows_of(4, 3), "confirmed": "on", "reason": reason})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.attendance_reason == reason
    assert sum(Attendance.objects.values_list("count", flat=True)) == 7
    page = client.get(url).content.decode()
    assert reason in page and 'name="confirmed" id="id_confirmed" checked' in page


def test_a_reason_without_the_confirmation_is_not_kept(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    response = client.post(url, {**rows_of(4, 3), "reason": "Because."})
    assert response.status_code == 400 and not Attendance.objects.exists()
    assert client.post(url, {**rows_of(4), "reason": "Because."}).status_code == 302
    activity.refresh_from_db()
    assert activity.attendance_reason == ""


def test_the_attendance_form_grows_as_its_rows_are_filled(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.member)
    page = client.get(url).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="3"' in page
    assert 'name="more"' in page
    response = client.post(url, {**rows_of(1, 2), "more": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and not Attendance.objects.exists()
    assert 'name="rows-TOTAL_FORMS" value="5"' in page
    assert 'name="rows-4-count"' in page and 'name="rows-1-count" value="2"' in page
    assert client.post(url, rows_of(1, 2, total=5)).status_code == 302
    assert Attendance.objects.count() == 2


def test_an_outsider_cannot_count_who_took_part(client, people):
    activity, url = attendance_page(people)
    client.force_login(people.outsider)
    response = client.post(url, {**rows_of(1), "more": "1"})
    assert response.status_code == 403
    assert client.post(url, rows_of(1)).status_code == 403
    assert not Attendance.objects.exists()


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
