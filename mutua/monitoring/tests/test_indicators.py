"""Indicators computed from records, checked against hand counts."""

import datetime as dt
from decimal import Decimal

import pytest

from mutua.cooperation import services
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import TargetGroup
from mutua.monitoring import selectors
from mutua.monitoring.indicators.registry import INDICATORS
from mutua.monitoring.models import Use
from mutua.monitoring.selectors import Scope
from mutua.testing.builders import entered
from mutua.testing.http import forget_cached

pytestmark = pytest.mark.django_db
YEAR = Scope.year(2026)


def value(code: str, scope: Scope = YEAR):
    return selectors.value(selectors.indicator(code), scope).value


def activity(people, partnership, modality: str, **fields):
    return services.record_add(
        partnership=partnership,
        by=people.secretariat,
        kind="activity",
        **{
            "title": f"{modality} event",
            "modality": Modality.objects.get(code=modality),
            "delivery": "virtual",
            "held_on": dt.date(2026, 4, 1),
            **fields,
        },
    )


@pytest.fixture
def world(people):
    """Three partnerships of 2026 and one of 2025, with what they did."""
    germany = Country.objects.get(iso3="DEU")
    firm = Organization.objects.create(
        name="Sensorik GmbH", country=germany, type="private"
    )
    target = GbfTarget.objects.get(number=20)
    south_south = entered(people, targets=[target])
    north_south = services.partnership_create(
        by=people.secretariat,
        title="Sensors from Germany",
        started_on=dt.date(2026, 6, 1),
        participants=[
            {"role": "beneficiary", "organization": people.ngo},
            {"role": "provider", "organization": firm},
        ],
    )
    triangular = entered(
        people,
        {"role": "funder", "country": germany},
        title="Older",
        started_on=dt.date(2025, 6, 1),
    )
    grassroots = TargetGroup.objects.get(code="grassroots")
    local = activity(
        people,
        south_south,
        "joint_training",
        lead_organization=people.ngo,
        in_local_language=True,
        target_groups=[grassroots],
    )
    activity(people, south_south, "organizational_development", lead_organization=firm)
    activity(people, north_south, "joint_training", target_groups=[grassroots])
    awareness = activity(
        people,
        north_south,
        "awareness_raising",
        delivery="face_to_face",
        people_reached=500,
    )
    services.attendance_set(
        activity=awareness,
        by=people.secretariat,
        rows=[
            {
                "stakeholder_type": "government",
                "role": "policymaker",
                "gender": "woman",
                "count": 3,
            },
            {
                "stakeholder_type": "ngo",
                "role": "practitioner",
                "gender": "man",
                "count": 9,
            },
        ],
    )
    services.attendance_set(
        activity=local,
        by=people.secretariat,
        rows=[
            {
                "stakeholder_type": "iplc",
                "role": "local_expert",
                "gender": "woman",
                "count": 10,
            }
        ],
        reason="The reach was not counted.",
    )
    services.exchange_rate_set(
        by=people.secretariat,
        currency="EUR",
        valid_from=dt.date(2020, 1, 1),
        per_reporting_unit=Decimal("0.5"),
        source="Illustrative",
    )
    for partnership, amount in ((south_south, 100), (north_south, 300)):
        services.record_add(
            partnership=partnership,
            by=people.secretariat,
            kind="funding",
            title="Grant",
            dated=dt.date(2026, 7, 1),
            amount=Decimal(amount),
            currency="EUR",
            purpose="small_grant",
            funder=partnership.participants.get(role="provider"),
        )
    for stage in ("proposed", "adopted"):
        services.record_add(
            partnership=south_south,
            by=people.secretariat,
            kind="policy",
            title=f"Wetland policy {stage}",
            dated=dt.date(2026, 8, 1),
            level="national",
            change="modified",
            stage=stage,
        )
    services.record_add(
        partnership=south_south,
        by=people.secretariat,
        kind="technology",
        title="Drone survey kit",
        dated=dt.date(2026, 9, 1),
        deployed=True,
    )
    return {"ss": south_south, "ns": north_south, "tri": triangular}


def test_counts_and_shares_match_hand_counts(world):
    assert value("P38-g") == 2  # two partnerships started in 2026
    assert value("P38-g", Scope.year(2025)) == 1
    assert value("TSC-15") == 100.0  # one South-South for one North-South
    assert value("TSC-17") == 0.0
    assert value("TSC-12") == 50.0  # the German firm takes part in one of two
    assert value("TSC-13") == 100.0  # the Malawian NGO takes part in both
    # 3 capacity activities: the NGO (south) leads one, the German firm one.
    assert value("TSC-04") == pytest.approx(33.3)
    assert value("TSC-05") == 50.0  # of 2 for grassroots, 1 in a local language
    assert value("TSC-06") == pytest.approx(33.3)
    assert value("TSC-07") == 1 and value("TSC-08") == 500
    assert value("TSC-09") == 25.0  # 3 policymakers of 12
    assert value("P38-c") == 22
    assert value("P38-h") == 800.0  # 400 EUR at 0.5 a dollar
    assert value("TSC-14") == 25.0 and value("TSC-16") == 0.0
    assert value("P38-e") == 2 and value("P38-d") == 1 and value("P38-f") == 50.0
    assert value("TSC-01") == 1 and value("P38-a") == 1
    assert value("P38-i") == 50.0


def test_shares_of_nothing_have_no_value(people):
    assert value("TSC-04") is None
    assert value("TSC-01") == 0


def test_breakdowns_by_year_place_group_target_and_own_fields(world, people):
    ss = selectors.indicator("P38-g")
    years = selectors.by(ss, Scope(dt.date(2024, 1, 1), dt.date(2027, 1, 1)), "year")
    assert [(v.label, v.value) for v in years] == [
        ("2024", 0),
        ("2025", 1),
        ("2026", 2),
    ]
    regions = selectors.by(ss, YEAR, "subregion")
    assert [(v.label, v.value) for v in regions] == [("Sub-Saharan Africa", 2)]
    regions = selectors.by(ss, YEAR, "intermediate_region")
    assert [(v.label, v.value) for v in regions] == [("Eastern Africa", 2)]
    groups = {v.key: v.value for v in selectors.by(ss, YEAR, "group")}
    assert groups == {"ldc": 2, "sids": 0, "lldc": 2, "developing": 2}
    targets = selectors.by(ss, YEAR, "target")
    assert [v.value for v in targets] == [1] and "Target 20" in targets[0].label
    kinds = {v.key: v.value for v in selectors.by(ss, YEAR, "cooperation_type")}
    assert kinds == {"south_south": 1, "north_south": 1}
    reached = selectors.by(selectors.indicator("TSC-08"), YEAR, "delivery")
    assert [(v.label, v.value) for v in reached] == [("Face-to-face", 500)]


def test_a_scope_narrows_to_a_region_group_or_target(world, people):
    ss = selectors.indicator("P38-g")
    assert (
        selectors.value(ss, Scope.year(2026, region=people.eastern_africa)).value == 2
    )
    caribbean = people.eastern_africa.__class__.objects.get(code="029")
    assert selectors.value(ss, Scope.year(2026, region=caribbean)).value == 0
    assert selectors.value(ss, Scope.year(2026, group="sids")).value == 0
    assert selectors.value(ss, Scope.year(2026, target=20)).value == 1


def test_each_value_leads_to_its_records(world):
    led = selectors.indicator("TSC-04")
    assert [a.title for a in selectors.records(led, YEAR)] == ["joint_training event"]
    assert selectors.records(led, YEAR, "denominator").count() == 3
    ns = selectors.indicator("TSC-15")
    assert list(selectors.records(ns, YEAR, "denominator")) == [world["ns"]]


def test_parties_using_the_platform_regularly_come_from_recorded_use(people):
    parties = Country.objects.filter(is_party=True).count()
    for month in (1, 4, 9):
        Use.objects.create(
            country=people.malawi,
            kind="sign_in",
            at=dt.datetime(2026, month, 3, tzinfo=dt.UTC),
        )
    Use.objects.create(
        country=people.south_africa,
        kind="sign_in",
        at=dt.datetime(2026, 2, 3, tzinfo=dt.UTC),
    )
    assert value("TSC-18") == round(100 / parties, 1)
    assert value("TSC-18", Scope.year(2025)) == 0.0
    regular = selectors.records(selectors.indicator("TSC-18"), YEAR)
    assert list(regular) == [people.malawi]
    assert selectors.by(selectors.indicator("TSC-18"), YEAR, "year")[0].numerator == 1


def test_a_focal_points_sign_in_is_recorded_as_use(client, people):
    client.force_login(people.focal_point)
    client.force_login(people.member)
    assert list(Use.objects.values_list("country__iso3", "kind")) == [
        ("MWI", "sign_in")
    ]


def test_every_indicator_computes_and_shows_every_breakdown(client, world, subtests):
    for indicator in INDICATORS:
        forget_cached()
        with subtests.test(indicator.code):
            for dimension in selectors.dimensions(indicator):
                assert isinstance(selectors.by(indicator, YEAR, dimension), list)
                assert selectors.dimension_label(indicator, dimension)
                page = (
                    f"/monitoring/indicators/{indicator.code}/?year=2026&by={dimension}"
                )
                assert client.get(page).status_code == 200
            records = f"/monitoring/indicators/{indicator.code}/records/?year=2026"
            assert client.get(records).status_code == 200
