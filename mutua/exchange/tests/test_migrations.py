"""The Akwé: Kon answers of requests saved before the question had three answers."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mutua.core.search import search

# It takes the schema back through its migrations and forward again: a slow test.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
BEFORE = [("exchange", "0003_list_order_and_indexes")]
AFTER = [("exchange", "0004_akwe_kon_answer")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_after():
    """Later tests find every migration applied, whatever this one left."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_yes_stays_yes_and_an_unanswered_no_is_never_taken_for_no(people):
    old = migrate(BEFORE)
    try:
        Request = old.get_model("exchange", "Request")
        made = {
            (status, said): Request.objects.create(
                country_id=people.malawi.pk,
                title=f"{status} {said}",
                challenge="Fish decline.",
                status=status,
                touches_iplc_lands=said,
                search_text=f"cichlid {status}",
            ).pk
            for status in ("draft", "published")
            for said in (True, False)
        }
    finally:
        new = migrate(AFTER)
    Request = new.get_model("exchange", "Request")
    answers = {
        key: Request.objects.get(pk=pk).touches_iplc_lands for key, pk in made.items()
    }
    assert answers == {
        ("draft", True): "yes",
        ("draft", False): "",
        ("published", True): "yes",
        ("published", False): "unknown",
    }
    # The search index still follows the table that SQLite rebuilt.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from mutua.exchange.models import Request as Current

    row = Current.objects.get(pk=made[("draft", True)])
    row.search_text = "mangrove"
    row.save(update_fields=["search_text"])
    assert list(search(Current.objects.all(), "mangrove")) == [row]
