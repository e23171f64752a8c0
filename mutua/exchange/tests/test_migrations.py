"""The Akwé: Kon answers of requests saved before the question had three answers."""

from mutua.core.search import search
from mutua.testing.schema import MIGRATION_TEST
from mutua.testing.schema import migrate

pytestmark = MIGRATION_TEST
BEFORE = [("exchange", "0003_list_order_and_indexes")]
AFTER = [("exchange", "0004_akwe_kon_answer")]


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
    migrate()
    from mutua.exchange.models import Request as Current

    row = Current.objects.get(pk=made[("draft", True)])
    row.search_text = "mangrove"
    row.save(update_fields=["search_text"])
    assert list(search(Current.objects.all(), "mangrove")) == [row]
