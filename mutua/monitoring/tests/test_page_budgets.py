"""The dashboards take a number of queries that grows with the indicators, never
with the records they count."""

import pytest

from mutua.monitoring.indicators.registry import INDICATORS
from mutua.testing.http import forget_cached
from mutua.testing.partnerships import busy_partnership

pytestmark = pytest.mark.django_db

# One query an indicator for the year (TSC-18, counted over Parties, takes one a
# year of a trend), and the filter's choices; a place filters by the ids of its
# countries, found again for each indicator.
BUDGETS = {
    "/monitoring/?year=2026": len(INDICATORS) + 2,
    "/monitoring/?year=2026&region=014": 2 * len(INDICATORS) + 3,
    "/monitoring/trends/?year=2026": len(INDICATORS) + 5,
    "/monitoring/report/?year=2026": len(INDICATORS) + 5,
    "/monitoring/export.csv?year=2026": len(INDICATORS) + 5,
    "/monitoring/indicators/P38-g/?year=2026&by=cooperation_type": 4,
    "/monitoring/indicators/TSC-02/?year=2026&by=role": 4,
    # A page of the records behind a value (technologies, activities, attendance),
    # each named and linked to its partnership.
    "/monitoring/indicators/TSC-01/records/?year=2026": 4,
    "/monitoring/indicators/TSC-05/records/?year=2026": 4,
    "/monitoring/indicators/P38-c/records/?year=2026": 4,
}


@pytest.mark.parametrize("copies", [1, 5])
def test_a_dashboard_takes_as_many_queries_however_many_records_it_counts(
    client, people, subtests, django_assert_max_num_queries, copies
):
    for _ in range(copies):
        busy_partnership(people, copies)
    for url, budget in BUDGETS.items():
        forget_cached()
        with subtests.test(url), django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
