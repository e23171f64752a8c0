"""Browsing the public lists of requests, offers and opportunities: search, facets, pages."""

import re

import pytest

from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import draft
from mutua.testing.builders import offer
from mutua.testing.builders import opportunity
from mutua.testing.builders import published
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def test_the_request_list_shows_published_requests_only(client, people):
    published(people, title="Published barcoding need")
    draft(people, title="Draft of a secret plan")
    response = client.get("/requests/")
    assert response.status_code == 200
    assert "Published barcoding need" in text(response)
    assert "Draft of a secret plan" not in text(response)
    assert "1 result" in text(response)


def test_the_offer_and_opportunity_lists_show_published_records(client, people):
    offer(people, title="Barcoding course for fish")
    offer(people, publish=False, title="Unpublished course")
    opportunity(people, title="Wetland grants")
    offers = text(client.get("/offers/"))
    assert "Barcoding course for fish" in offers
    assert "Unpublished course" not in offers
    assert "Wetland grants" in text(client.get("/opportunities/"))


def test_search_narrows_the_list(client, people):
    published(people, title="Barcoding of cichlids", challenge="Fish decline.")
    published(people, title="Mangrove nurseries", challenge="Coastal erosion.")
    body = text(client.get("/requests/", {"q": "mangrove"}))
    assert "Mangrove nurseries" in body and "Barcoding of cichlids" not in body


def test_a_target_facet_narrows_the_list_and_counts_each_target(client, people):
    from mutua.directory.models import GbfTarget

    published(people, title="Fish need", targets=GbfTarget.objects.filter(number=4))
    published(people, title="Seed need", targets=GbfTarget.objects.filter(number=13))
    body = text(client.get("/requests/", {"target": "4"}))
    assert "Fish need" in body and "Seed need" not in body
    # The facet's own choice does not narrow its counts: target 13 stays choosable.
    assert re.search(r'value="13"> 13 — [^<]*<span class="n">\(1\)', body)
    assert re.search(r'value="4" checked> 4 — [^<]*<span class="n">\(1\)', body)


def test_region_and_country_group_facets_narrow_the_list(client, people):
    published(people, title="Malawi need")
    body = text(client.get("/requests/", {"region": "014", "group": "LDC"}))
    assert "Malawi need" in body
    body = text(client.get("/requests/", {"region": "419"}))
    assert "Malawi need" not in body
    assert "No published requests match these filters" in body


def test_choices_within_a_facet_widen_the_list(client, people):
    from mutua.directory.models import Modality

    published(
        people,
        title="Training need",
        modalities=Modality.objects.filter(code="joint_training"),
    )
    published(
        people, title="Tour need", modalities=Modality.objects.filter(code="study_tour")
    )
    body = text(client.get("/requests/?modality=joint_training&modality=study_tour"))
    assert "Training need" in body and "Tour need" in body


def test_the_empty_state_names_the_search_and_offers_to_clear_it(client, people):
    published(people)
    body = text(client.get("/requests/", {"q": "volcano"}))
    assert "No published requests match “volcano”" in body
    assert 'href="/requests/">Clear search and filters' in body


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=999999",
        "target=abc",
        "target=99",
        "target=%C2%B2",
        "target=4.5",
        "modality=%3Cscript%3E",
        "modality=" + "x" * 500,
        "region=%00",
        "group=NOPE",
        "group=ldc",
        "country=zzz",
        "language=",
        "q=" + "lake+" * 400,
        "q=%22%2A%28%29%3A%5E",
        "q=AND+OR+NOT+NEAR",
        "q=lake%00%1B%07",
        "target=" + "&target=".join(str(n) for n in range(100)),
    ],
)
def test_bad_query_parameters_never_fail(client, people, query):
    published(people)
    response = client.get(f"/requests/?{query}")
    assert response.status_code == 200
    assert client.get(f"/offers/?{query}").status_code == 200
    assert client.get(f"/opportunities/?{query}").status_code == 200


def test_an_unknown_code_is_ignored_rather_than_emptying_the_list(client, people):
    published(people, title="Still here")
    body = text(client.get("/requests/?modality=nonsense&target=99&region=999"))
    assert "Still here" in body


def test_htmx_gets_the_results_fragment_with_the_count(client, people):
    published(people, title="Barcoding need")
    response = client.get("/requests/", {"q": "barcoding"}, HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body and "Barcoding need" in body
    assert 'id="count" hx-swap-oob="innerHTML"' in body
    assert "HX-Request" in response["Vary"]


def test_the_list_form_swaps_results_and_works_without_javascript(client, people):
    body = text(client.get("/requests/"))
    assert 'method="get" action="/requests/"' in body
    assert 'hx-get="/requests/"' in body and 'hx-target="#results"' in body
    assert 'hx-push-url="true"' in body and "delay:400ms" in body


def test_a_history_restore_gets_the_whole_page(client, people):
    response = client.get(
        "/requests/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in text(response)


def test_lists_show_twenty_a_page_by_default(client, people):
    from django.conf import settings

    assert settings.PAGE_SIZE == 20


def test_lists_are_paged_with_links_that_keep_the_filters(client, people, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        published(people, title=f"Need number {n}")
    body = text(client.get("/requests/", {"q": "need"}))
    assert body.count('<li class="card">') == 2
    assert 'href="?q=need&amp;page=2"' in body and 'rel="next"' in body
    assert '<span aria-current="page">1</span>' in body
    third = text(client.get("/requests/", {"q": "need", "page": "3"}))
    assert third.count('<li class="card">') == 1 and 'rel="prev"' in third


def test_list_pages_make_the_same_number_of_queries_for_more_rows(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add_one_of_each(n: int) -> None:
        published(people, title=f"Need {n}")
        offer(people, title=f"Offer {n}")
        opportunity(people, title=f"Call {n}")

    add_one_of_each(0)
    query = "?q=need&target=4&modality=joint_training&region=014&group=LDC&page=1"
    urls = [
        u + q
        for u in ("/requests/", "/offers/", "/opportunities/")
        for q in ("", query)
    ]
    before = [queries(url) for url in urls]
    for n in range(1, 5):
        add_one_of_each(n)
    assert [queries(url) for url in urls] == before
    # Cold counts: each facet is counted over the list narrowed by the others.
    assert max(before) <= 40, before


def test_list_pages_stay_under_a_query_ceiling(
    client, people, django_assert_max_num_queries
):
    published(people)
    with django_assert_max_num_queries(15):
        client.get("/requests/")
    with django_assert_max_num_queries(6):  # the counts are remembered
        client.get("/requests/")


def test_remembered_counts_follow_every_change_to_the_list(client, people):
    def counts() -> tuple[int, int]:
        """The number of results, and the Sub-Saharan Africa facet's count."""
        body = text(client.get("/requests/"))
        total = re.search(r"(\d+) results?", body)[1]
        africa = re.search(r'value="202"> [^<]*<span class="n">\((\d+)\)', body)[1]
        return int(total), int(africa)

    published(people, title="Wetland need")
    assert counts() == (1, 1)
    second = published(people, title="Second wetland need")
    assert counts() == (2, 2)
    request_transition(
        request=second, action="withdraw", by=people.focal_point, reason="Done."
    )
    assert counts() == (1, 1)


def test_htmx_swaps_the_facet_counts_out_of_band(client, people):
    published(people, title="Barcoding need")
    body = text(client.get("/requests/", {"q": "barco"}, HTTP_HX_REQUEST="true"))
    assert '<div id="facets" hx-swap-oob="innerHTML">' in body
    assert 'id="f-target-4"' in body  # the same ids, so htmx restores the focus


def test_opportunities_are_placed_by_their_funders_country(client, people):
    opportunity(people, title="Cape grants")
    body = text(client.get("/opportunities/", {"region": "202"}))
    assert "Cape grants" in body and "Sub-Saharan Africa" in body
    assert "Cape grants" not in text(client.get("/opportunities/?region=419"))


def test_a_country_filter_shows_as_a_choice_that_can_be_unticked(client, people):
    published(people, title="Malawi need")
    body = text(client.get("/requests/", {"country": "mwi"}))
    assert "Malawi need" in body
    assert 'id="f-country-MWI" name="country" value="MWI" checked' in body
    assert "Malawi need" not in text(client.get("/requests/?country=ZAF"))


def test_lists_refuse_writes(client, people):
    assert client.post("/requests/").status_code == 405
    assert client.post("/offers/").status_code == 405
