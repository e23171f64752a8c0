"""Activities and results: recorded by the partners, checked, converted, refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from mutua.cooperation import services
from mutua.cooperation.models import Activity
from mutua.cooperation.models import Attendance
from mutua.cooperation.models import FundingFlow
from mutua.testing.builders import entered
from mutua.testing.builders import training

pytestmark = pytest.mark.django_db


def test_an_activity_takes_its_lead_country_from_the_lead_organization(people):
    activity = training(people, entered(people))
    assert activity.lead_country == people.south_africa
    assert [g.code for g in activity.target_groups.all()] == ["grassroots"]


def test_attendance_is_counted_once_a_group_and_replaced_whole(people):
    activity = training(people, entered(people), people_reached=20)
    row = {"stakeholder_type": "iplc", "role": "local_expert", "gender": "woman"}
    services.attendance_set(
        activity=activity, by=people.member, rows=[{**row, "count": 12}]
    )
    with pytest.raises(ValidationError) as refused:
        services.attendance_set(
            activity=activity,
            by=people.member,
            rows=[{**row, "count": 3}, {**row, "count": 4}],
        )
    assert "attendance" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.attendance_set(
            activity=activity,
            by=people.member,
            rows=[{**row, "gender": "unknown", "count": 3}],
        )
    assert "gender" in refused.value.message_dict
    assert list(Attendance.objects.values_list("count", flat=True)) == [12]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"delivery": "by pigeon"}, "delivery"),
        ({"held_on": None}, "held_on"),
        ({"people_reached": -5}, "people_reached"),
    ],
)
def test_bad_activity_fields_are_refused_by_name(people, change, field):
    partnership = entered(people)
    with pytest.raises(ValidationError) as refused:
        training(people, partnership, **change)
    assert field in refused.value.message_dict
    assert not Activity.objects.exists()


def test_funding_is_converted_at_the_rate_in_force(people):
    partnership = entered(people)
    funder = partnership.participants.get(role="provider")
    services.exchange_rate_set(
        by=people.secretariat,
        currency="eur",
        valid_from=dt.date(2026, 1, 1),
        per_reporting_unit=Decimal("0.8"),
        source="Illustrative",
    )
    flow = services.record_add(
        partnership=partnership,
        by=people.member,
        kind="funding",
        title="Travel grant",
        dated=dt.date(2026, 5, 1),
        funder=funder,
        amount=Decimal("1000"),
        currency="EUR",
        purpose="travel",
    )
    assert flow.reporting_amount == Decimal("1250.00")
    dollars = services.record_add(
        partnership=partnership,
        by=people.member,
        kind="funding",
        title="Small grant",
        dated=dt.date(2026, 5, 1),
        funder=funder,
        amount=Decimal("300"),
        currency="USD",
        purpose="small_grant",
    )
    assert dollars.rate is None and dollars.reporting_amount == Decimal("300")


def test_funding_without_a_stored_rate_or_with_a_stranger_funder_is_refused(people):
    partnership, other = entered(people), entered(people, title="Another")
    fields = {
        "title": "Grant",
        "dated": dt.date(2026, 5, 1),
        "amount": Decimal("10"),
        "purpose": "travel",
    }
    with pytest.raises(ValidationError) as refused:
        services.record_add(
            partnership=partnership,
            by=people.member,
            kind="funding",
            funder=partnership.participants.first(),
            currency="XOF",
            **fields,
        )
    assert "No exchange rate for XOF" in refused.value.message_dict["currency"][0]
    with pytest.raises(ValidationError) as refused:
        services.record_add(
            partnership=partnership,
            by=people.member,
            kind="funding",
            funder=other.participants.first(),
            currency="USD",
            **fields,
        )
    assert "funder" in refused.value.message_dict
    assert not FundingFlow.objects.exists()


def test_co_creators_must_be_participants_of_the_partnership(people):
    partnership, other = entered(people), entered(people, title="Another")
    with pytest.raises(ValidationError) as refused:
        services.record_add(
            partnership=partnership,
            by=people.member,
            kind="technology",
            title="Wetland sensor",
            dated=dt.date(2026, 6, 1),
            co_creators=[other.participants.first()],
        )
    assert "co_creators" in refused.value.message_dict


def test_outsiders_may_not_add_or_delete_results_nor_store_rates(people):
    partnership = entered(people)
    activity = training(people, partnership)
    with pytest.raises(PermissionDenied):
        services.record_add(
            partnership=partnership,
            by=people.outsider,
            kind="publication",
            title="Ours",
            dated=dt.date(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.record_delete(record=activity, by=people.outsider)
    with pytest.raises(PermissionDenied):
        services.exchange_rate_set(
            by=people.member,
            currency="EUR",
            valid_from=dt.date(2026, 1, 1),
            per_reporting_unit=Decimal("1"),
            source="Mine",
        )
    assert Activity.objects.count() == 1


def test_more_attendance_than_reach_needs_a_reason_which_is_kept(people):
    activity = training(people, entered(people), people_reached=10)
    rows = [
        {"stakeholder_type": "iplc", "role": "local_expert", "gender": "woman"}
        | {"count": 8},
        {"stakeholder_type": "ngo", "role": "practitioner", "gender": "man"}
        | {"count": 5},
    ]
    with pytest.raises(ValidationError) as refused:
        services.attendance_set(activity=activity, by=people.member, rows=rows)
    assert refused.value.message_dict["attendance"] == [
        "13 people took part but the activity reached 10: correct the numbers, "
        "or confirm them and say why."
    ]
    assert not Attendance.objects.exists()
    services.attendance_set(
        activity=activity, by=people.member, rows=rows, reason=" Two sessions. "
    )
    activity.refresh_from_db()
    assert activity.attendance_reason == "Two sessions."
    services.attendance_set(
        activity=activity, by=people.member, rows=rows[:1], reason="Two sessions."
    )
    activity.refresh_from_db()
    assert activity.attendance_reason == ""


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
