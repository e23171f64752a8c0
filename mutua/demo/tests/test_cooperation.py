"""The demo cooperation gives every indicator a value and keeps the services' rules."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from mutua.cooperation.cooperation_type import CooperationType
from mutua.cooperation.models import Activity
from mutua.cooperation.models import ExchangeRate
from mutua.cooperation.models import FundingFlow
from mutua.cooperation.models import Participant
from mutua.cooperation.models import Partnership
from mutua.cooperation.models import Policy
from mutua.demo import cooperation
from mutua.demo import seed
from mutua.directory.models import Modality
from mutua.exchange.models import Request
from mutua.matching.models import Match
from mutua.monitoring import selectors
from mutua.monitoring.indicators.conditions import REGULAR_MONTHS
from mutua.monitoring.indicators.definition import Unit
from mutua.monitoring.indicators.registry import INDICATORS
from mutua.monitoring.selectors import Scope

pytestmark = pytest.mark.django_db
SCALE = 60


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Listings and cooperation at a small scale, once for the module, rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed.demo_data_create(scale=SCALE)
        yield cooperation.cooperation_demo_create(scale=SCALE)
        transaction.set_rollback(True)


def test_every_indicator_has_a_value_this_year(seeded):
    today = timezone.localdate()
    scope = Scope.year(today.year)
    for indicator in INDICATORS:
        if indicator.code == "TSC-18" and today.month < REGULAR_MONTHS:
            continue  # regular use needs three months of the year behind it
        found = selectors.value(indicator, scope).value
        assert found, indicator.code
        if indicator.unit == Unit.PERCENT:
            assert 0 < found < 100, indicator.code


def test_partnerships_spread_over_five_years_growing(seeded):
    year = timezone.localdate().year
    started = selectors.by_year(
        selectors.indicator("P38-g"),
        Scope(Scope.year(year - 4).start, Scope.year(year).end),
    )
    counts = [v.value for v in started]
    assert all(counts) and counts[0] < counts[-1]


def test_running_it_again_creates_nothing(seeded):
    before = Partnership.objects.count(), FundingFlow.objects.count()
    again = cooperation.cooperation_demo_create(scale=SCALE)
    assert not any(again.values())
    assert (Partnership.objects.count(), FundingFlow.objects.count()) == before


def test_stored_derived_fields_are_what_the_participants_decide(seeded):
    partnerships = Partnership.objects.all()
    assert (
        partnerships.count()
        == cooperation.partnerships_for(SCALE)
        == seeded["partnerships"]
    )
    for partnership in partnerships:
        derived = partnership.derived()
        assert {name: getattr(partnership, name) for name in derived} == derived


def test_every_type_role_and_origin_occurs(seeded):
    types = set(Partnership.objects.values_list("cooperation_type", flat=True))
    assert {t.value for t in CooperationType} <= types
    roles = set(Participant.objects.values_list("role", flat=True))
    assert roles == set(Participant.Role.values)
    origins = set(Partnership.objects.values_list("origin", flat=True))
    assert origins == set(Partnership.Origin.values)
    kinds = set(Participant.objects.values_list("organization__type", flat=True))
    assert {"intergovernmental", "private", "ngo", "regional_centre"} <= kinds


def test_matched_partnerships_come_from_accepted_matches(seeded):
    matched = Partnership.objects.exclude(origin="direct").select_related("match")
    assert matched.exists()
    for partnership in matched:
        match = partnership.match
        assert match.status == Match.Status.ACCEPTED
        assert (match.request_id, match.offer_id, match.origin) == (
            partnership.request_id,
            partnership.offer_id,
            partnership.origin,
        )
        assert match.request.status == Request.Status.IN_PARTNERSHIP
        assert match.request.published_at.date() <= partnership.started_on


def test_activities_and_policies_come_in_every_kind(seeded):
    used = set(Activity.objects.values_list("modality__code", flat=True))
    assert used == set(Modality.objects.values_list("code", flat=True))
    assert {True, False} == set(
        Activity.objects.values_list("in_local_language", flat=True)
    )
    for name, choices in (
        ("level", Policy.Level),
        ("change", Policy.Change),
        ("stage", Policy.Stage),
    ):
        assert set(Policy.objects.values_list(name, flat=True)) == set(choices.values)


def test_funding_is_converted_at_the_stored_rate_as_the_services_do(seeded):
    flows = FundingFlow.objects.select_related("rate")
    assert flows.exclude(currency="USD").values("currency").distinct().count() >= 3
    for flow in flows:
        if flow.currency == "USD":
            assert flow.rate is None and flow.reporting_amount == flow.amount
            continue
        # The rate in force that day: of its currency, from before, none later.
        rate = flow.rate
        assert rate.currency == flow.currency and rate.valid_from <= flow.dated
        later = ExchangeRate.objects.filter(
            currency=flow.currency, valid_from__range=(rate.valid_from, flow.dated)
        )
        assert not later.exclude(pk=rate.pk).exists()
        expected = flow.amount / flow.rate.per_reporting_unit
        assert flow.reporting_amount == expected.quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    assert not ExchangeRate.objects.exclude(source__icontains="illustrative").exists()
