import datetime as dt
import gzip
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from mutua.directory.models import Country
from mutua.exchange import services
from mutua.exchange.models import Offer, Opportunity, Request, Transition
from mutua.testing.builders import (
    draft,
    offer,
    opportunity,
    published,
    under_review,
)
from mutua.testing.http import text

pytestmark = pytest.mark.django_db
S = Request.Status
TODAY = timezone.localdate


# Records in each state, made through the services ---------------------------------


def act_url(record, action: str) -> str:
    kind = {Request: "request", Offer: "offer", Opportunity: "opportunity"}
    return reverse(
        f"exchange:{kind[type(record)]}_action",
        kwargs={"uuid": record.uuid, "action": action},
    )


# Public lists ---------------------------------------------------------------------


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
    services.request_transition(
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


# Detail pages -------------------------------------------------------------------


def test_a_published_request_shows_every_section_and_its_history(client, people):
    request = published(
        people,
        barriers="No laboratory.",
        objectives="Train ten technicians.",
        co_financing="The ministry pays the venue.",
        budget_amount=25000,
        budget_currency="USD",
    )
    body = text(client.get(request.get_absolute_url()))
    for heading in [
        "Who is asking",
        "The need",
        "Scope",
        "Who benefits",
        "Context",
        "Plan and results",
        "Budget and timeframe",
        "History",
    ]:
        assert f"<h2>{heading}</h2>" in body or f">{heading}</h2>" in body
    assert "No laboratory." in body and "Train ten technicians." in body
    assert "25,000.00 USD" in body
    assert "Target 20 — " in body
    assert "Indigenous peoples and local communities" in body
    assert "Published</strong>:\n      Under review → Published" in body
    assert "What you can do" not in body  # a visitor may do nothing


def test_a_request_touching_iplc_lands_says_the_akwe_kon_guidelines_apply(
    client, people
):
    plain = published(people, title="Plain")
    touching = published(people, title="Touching", touches_iplc_lands="yes")
    unknown = published(people, title="Unknown", touches_iplc_lands="unknown")
    assert "Akwé: Kon guidelines apply" in text(client.get(touching.get_absolute_url()))
    for record, answer in [(plain, "No"), (unknown, "Not known")]:
        body = text(client.get(record.get_absolute_url()))
        assert "Akwé: Kon guidelines apply" not in body
        assert re.search(rf"communities\?</dt>\s*<dd>{answer}\s*</dd>", body)


def test_a_draft_is_hidden_from_outsiders_and_visitors(client, people):
    request = draft(people)
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(people.outsider)
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(people.member)
    assert client.get(request.get_absolute_url()).status_code == 200


def test_a_missing_record_is_404(client, people):
    for url in ("requests", "offers", "opportunities"):
        uuid = "00000000-0000-0000-0000-000000000000"
        assert client.get(f"/{url}/{uuid}/").status_code == 404
    assert client.get("/requests/not-a-uuid/").status_code == 404


def test_the_owner_of_a_draft_may_edit_submit_and_withdraw_it(client, people):
    request = draft(people)
    client.force_login(people.member)
    body = text(client.get(request.get_absolute_url()))
    assert f'action="{act_url(request, "submit")}"' in body
    assert f'href="/requests/{request.uuid}/withdraw/"' in body
    assert f'href="/requests/{request.uuid}/edit/"' in body
    assert act_url(request, "publish") not in body


def test_a_reviewer_gets_publish_and_actions_that_ask_for_a_reason(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    body = text(client.get(request.get_absolute_url()))
    assert f'href="/requests/{request.uuid}/publish/"' in body
    assert 'id="reason-reject"' in body and 'id="reason-clarify"' in body


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("yes", "Yes</strong>\n  — the Akwé: Kon guidelines apply"),
        ("no", "No</strong>"),
        ("unknown", "Not known</strong>\n  — nobody has said"),
    ],
)
def test_publishing_asks_first_with_the_akwe_kon_answer_in_view(
    client, people, answer, shown
):
    request = under_review(people, touches_iplc_lands=answer)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "publish"))
    assert response["Location"] == f"/requests/{request.uuid}/publish/"
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    body = text(client.get(response["Location"]))
    assert shown in body and 'name="confirm" value="yes"' in body
    client.post(act_url(request, "publish"), {"confirm": "yes"})
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


@pytest.mark.parametrize("who", ["member", "focal_point", "outsider", "provider"])
def test_the_publish_page_refuses_those_who_may_not_publish(client, people, who):
    request = under_review(people)
    client.force_login(getattr(people, who))
    assert client.get(f"/requests/{request.uuid}/publish/").status_code in (403, 404)


def test_possible_duplicates_are_shown_to_the_owner_but_not_to_visitors(client, people):
    first = under_review(people, title="Barcoding freshwater fish Lake Malawi")
    second = under_review(people, title="Barcoding freshwater fish Lake Malawi again")
    assert first in second.possible_duplicates.all()
    client.force_login(people.focal_point)
    body = text(client.get(second.get_absolute_url()))
    assert "Possible duplicates" in body and str(first.uuid) in body
    services.request_transition(request=second, action="publish", by=people.coordinator)
    client.logout()
    assert "Possible duplicates" not in text(client.get(second.get_absolute_url()))


def test_html_in_text_is_escaped_on_the_detail_page(client, people):
    request = published(
        people,
        title="<script>alert(1)</script>",
        challenge='<img src=x onerror="alert(2)">',
    )
    body = text(client.get(request.get_absolute_url()))
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img src=x" not in body


def test_contact_e_mails_are_shown_to_signed_in_users_only(client, people):
    request = published(people, contact_email="fish@example.org")
    assert "fish@example.org" not in text(client.get(request.get_absolute_url()))
    client.force_login(people.outsider)
    assert "mailto:fish@example.org" in text(client.get(request.get_absolute_url()))


def test_a_request_sent_back_shows_the_question_at_the_top(client, people):
    request = under_review(people)
    services.request_transition(
        request=request,
        action="clarify",
        by=people.coordinator,
        reason="Which lakes exactly?",
    )
    client.force_login(people.focal_point)
    body = text(client.get(request.get_absolute_url()))
    assert "Clarification requested" in body and "Which lakes exactly?" in body
    assert f'action="{act_url(request, "submit")}"' in body


def test_offer_and_opportunity_pages_show_their_fields(client, people):
    listing = offer(people, track_record="Trained 40 technicians since 2015.")
    body = text(client.get(listing.get_absolute_url()))
    assert "Trained 40 technicians since 2015." in body
    assert "Least developed countries" in body
    assert "University of Cape Town" in body
    call = opportunity(people)
    body = text(client.get(call.get_absolute_url()))
    assert "Send a two-page concept note." in body and "20,000.00 USD" in body


def test_a_draft_offer_is_hidden_from_others(client, people):
    listing = offer(people, publish=False)
    assert client.get(listing.get_absolute_url()).status_code == 404
    client.force_login(people.provider)
    body = text(client.get(listing.get_absolute_url()))
    assert f'action="{act_url(listing, "publish")}"' in body


# Lifecycle actions ----------------------------------------------------------------


def test_the_owner_submits_a_draft(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(act_url(request, "submit"))
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert "Awaiting endorsement" in text(client.get(response["Location"]))


def test_actions_refuse_get(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.get(act_url(request, "submit")).status_code == 405
    assert client.get(act_url(offer(people), "pause")).status_code == 405


def test_actions_send_visitors_to_log_in(client, people):
    request = published(people)
    response = client.post(act_url(request, "close"), {"reason": "Done"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_an_outsider_may_not_act_on_a_request(client, people):
    request = published(people)
    client.force_login(people.outsider)
    response = client.post(act_url(request, "close"), {"reason": "Mine"})
    assert response.status_code == 403
    # The service's reason, on the site's refusal page.
    page = response.content.decode()
    assert "Not allowed" in page and "You may not close this request." in page
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_a_member_may_not_publish_its_own_request(client, people):
    request = draft(people)
    services.request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.member)
    assert client.post(act_url(request, "publish")).status_code == 403


def test_a_draft_is_404_to_act_on_for_others(client, people):
    request = draft(people)
    client.force_login(people.provider)
    assert client.post(act_url(request, "submit")).status_code == 404


def test_only_a_focal_point_of_the_country_endorses(client, people):
    from mutua.directory.models import RoleAssignment

    request = draft(people)
    services.request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.coordinator)  # sees it, may not endorse it
    assert client.post(act_url(request, "endorse")).status_code == 403
    RoleAssignment.objects.create(
        user=people.outsider,
        role="focal_point",
        country=Country.objects.get(iso3="ZAF"),
    )
    client.force_login(people.outsider)  # a focal point of another country
    assert client.post(act_url(request, "endorse")).status_code == 404
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_rejecting_needs_a_reason_and_records_it(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "reject"), {"reason": "  "}, follow=True)
    assert "Give a reason to reject." in text(response)
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    client.post(act_url(request, "reject"), {"reason": "Out of scope."})
    request.refresh_from_db()
    assert request.status == S.REJECTED
    assert Transition.objects.filter(
        request=request, action="reject", reason="Out of scope.", by=people.coordinator
    ).exists()


def test_an_over_long_reason_is_refused(client, people):
    request = under_review(people)
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "clarify"), {"reason": "x" * 2001}, follow=True
    )
    assert "under 2,000 characters" in text(response)
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW


def test_an_action_the_status_does_not_allow_is_an_error_message(client, people):
    request = published(people)
    client.force_login(people.coordinator)
    response = client.post(act_url(request, "publish"), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Cannot publish what is published." in text(response)


def test_an_unknown_action_is_404(client, people):
    request = draft(people)
    client.force_login(people.member)
    assert client.post(act_url(request, "explode")).status_code == 404


def test_withdrawing_asks_for_confirmation_first(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(act_url(request, "withdraw"))
    assert response["Location"] == f"/requests/{request.uuid}/withdraw/"
    request.refresh_from_db()
    assert request.status == S.DRAFT
    body = text(client.get(response["Location"]))
    assert 'name="confirm" value="yes"' in body
    client.post(act_url(request, "withdraw"), {"confirm": "yes", "reason": "Merged."})
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN


def test_the_withdraw_page_refuses_those_who_may_not(client, people):
    request = published(people)
    client.force_login(people.outsider)
    assert client.get(f"/requests/{request.uuid}/withdraw/").status_code == 403


def test_a_provider_pauses_and_renews_an_offer(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    client.post(act_url(listing, "pause"))
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PAUSED
    until = TODAY() + dt.timedelta(days=400)
    client.post(act_url(listing, "renew"), {"valid_until": until.isoformat()})
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PUBLISHED and listing.valid_until == until


def test_renewing_into_the_past_or_with_no_date_is_an_error(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    for value in ("", "not-a-date", "2001-01-01"):
        response = client.post(
            act_url(listing, "renew"), {"valid_until": value}, follow=True
        )
        assert "Renew until a date in the future." in text(response)


def test_owners_may_not_expire_and_others_may_not_act_on_offers(client, people):
    listing = offer(people)
    client.force_login(people.provider)
    assert client.post(act_url(listing, "expire")).status_code == 403
    client.force_login(people.outsider)
    assert client.post(act_url(listing, "pause")).status_code == 403
    listing.refresh_from_db()
    assert listing.status == Offer.Status.PUBLISHED


def test_an_opportunity_is_published_by_its_funder(client, people):
    call = opportunity(people, publish=False)
    client.force_login(people.provider)
    client.post(act_url(call, "publish"))
    call.refresh_from_db()
    assert call.status == Opportunity.Status.PUBLISHED


def test_next_may_not_leave_the_site(client, people):
    request = draft(people)
    client.force_login(people.member)
    response = client.post(
        act_url(request, "submit"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == request.get_absolute_url()


# Work queues and my work -----------------------------------------------------------


def test_the_coordinator_reviews_the_requests_of_its_region(client, people):
    request = under_review(people, title="Malawi needs review")
    client.force_login(people.coordinator)
    body = text(client.get("/review/"))
    assert "Malawi needs review" in body
    assert f'hx-post="{act_url(request, "publish")}"' in body
    response = client.post(
        act_url(request, "publish"), {"next": "/review/", "confirm": "yes"}
    )
    assert response["Location"] == "/review/"
    request.refresh_from_db()
    assert request.status == S.PUBLISHED


def test_publishing_from_the_queue_with_htmx_swaps_the_item(client, people):
    request = under_review(people, title="Swap me")
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "publish"), {"confirm": "yes"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert "Swap me: Published." in body


def test_the_queues_show_the_akwe_kon_answer_and_publish_behind_a_confirmation(
    client, people
):
    under_review(people, title="Sacred lake", touches_iplc_lands="yes")
    under_review(people, title="Who knows", touches_iplc_lands="unknown")
    client.force_login(people.coordinator)
    body = text(client.get("/review/"))
    # Oldest first: the first item ends where the second begins.
    item = body[body.index("Sacred lake") : body.index("Who knows")]
    assert "Yes</strong>\n  — the Akwé: Kon guidelines apply" in item
    # The confirmation opens without JavaScript and shows the answer again.
    confirm = item[item.index("<summary>Publish…</summary>") :]
    assert "the Akwé: Kon guidelines apply" in confirm
    assert 'name="confirm" value="yes"' in confirm
    assert "Not known</strong>" in body


def test_a_queue_error_with_htmx_keeps_the_item_and_shows_the_error(client, people):
    request = under_review(people, title="Keep me")
    client.force_login(people.coordinator)
    response = client.post(
        act_url(request, "reject"), {"reason": ""}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert "Give a reason to reject." in body and 'id="reason-reject-' in body
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW


def test_a_coordinator_of_another_region_sees_an_empty_queue(client, people):
    from mutua.directory.models import Region, RoleAssignment

    under_review(people, title="Not yours")
    RoleAssignment.objects.create(
        user=people.outsider, role="coordinator", region=Region.objects.get(code="419")
    )
    client.force_login(people.outsider)
    body = text(client.get("/review/"))
    assert "Not yours" not in body and "Nothing is waiting" in body


@pytest.mark.parametrize("url", ["/review/", "/endorse/"])
def test_queues_explain_themselves_to_users_without_the_role(client, people, url):
    client.force_login(people.member)
    response = client.get(url)
    assert response.status_code == 200
    assert "You have no such role" in text(
        response
    ) or "You are not a focal point" in text(response)


def test_the_focal_point_endorses_its_countrys_requests(client, people):
    request = draft(people, title="Please endorse")
    services.request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.focal_point)
    body = text(client.get("/endorse/"))
    assert "Please endorse" in body and ">Endorse</button>" in body
    client.post(act_url(request, "endorse"), {"next": "/endorse/"})
    request.refresh_from_db()
    assert (
        request.status == S.UNDER_REVIEW and request.endorsed_by == people.focal_point
    )


def test_the_focal_point_sends_back_or_declines_from_the_queue(client, people):
    back = draft(people, title="Send me back", touches_iplc_lands="yes")
    services.request_transition(request=back, action="submit", by=people.member)
    client.force_login(people.focal_point)
    body = text(client.get("/endorse/"))
    assert "Send back to the organization…</summary>" in body
    assert "Decline to endorse…</summary>" in body
    assert f'id="reason-send_back-{back.uuid}"' in body
    assert "Yes</strong>\n  — the Akwé: Kon guidelines apply" in body
    response = client.post(
        act_url(back, "send_back"), {"reason": "Add the budget.", "next": "/endorse/"}
    )
    assert response["Location"] == "/endorse/"
    back.refresh_from_db()
    assert back.status == S.CLARIFICATION
    client.force_login(people.member)
    body = text(client.get(back.get_absolute_url()))
    assert "Add the budget." in body and "Sent back to the organization" in body
    assert f'href="/requests/{back.uuid}/edit/"' in body


def test_declining_from_the_queue_with_htmx_needs_a_reason(client, people):
    request = draft(people, title="Decline me")
    services.request_transition(request=request, action="submit", by=people.member)
    client.force_login(people.focal_point)
    url = act_url(request, "decline")
    response = client.post(url, {"reason": ""}, HTTP_HX_REQUEST="true")
    assert "Give a reason to decline." in text(response)
    response = client.post(url, {"reason": "Duplicate."}, HTTP_HX_REQUEST="true")
    assert "Decline me: Rejected." in text(response)
    request.refresh_from_db()
    assert request.status == S.REJECTED


@pytest.mark.parametrize("who", ["member", "coordinator"])
def test_only_the_focal_point_sends_back_or_declines(client, people, who):
    request = draft(people)
    services.request_transition(request=request, action="submit", by=people.member)
    client.force_login(getattr(people, who))
    for action in ("send_back", "decline"):
        response = client.post(act_url(request, action), {"reason": "No."})
        assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_my_work_lists_my_records_and_my_queues(client, people):
    draft(people, title="My draft need")
    offer(people, title="Not my offer")
    client.force_login(people.member)
    body = text(client.get("/me/"))
    assert "My draft need" in body and "Draft" in body
    assert "Not my offer" not in body
    assert "/review/" not in body and "/endorse/" not in body
    client.force_login(people.coordinator)
    assert 'href="/review/"' in text(client.get("/me/"))
    client.force_login(people.focal_point)
    body = text(client.get("/me/"))
    assert 'href="/endorse/"' in body and "My draft need" in body


def test_queues_refuse_writes(client, people):
    client.force_login(people.coordinator)
    assert client.post("/review/").status_code == 405
    assert client.post("/me/").status_code == 405


# Budgets and accessibility ---------------------------------------------------------


class PageAudit(HTMLParser):
    """Collect what a page loads, its headings, and its form controls and labels."""

    def __init__(self):
        super().__init__()
        self.loads, self.headings, self.controls = [], [], []
        self.label_for, self.in_label, self.landmarks = set(), 0, set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.loads.append(a["href"])
        if tag in ("img", "iframe", "video", "audio"):
            self.loads.append(a.get("src", tag))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("main", "nav", "header", "footer"):
            self.landmarks.add(tag)
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
        ):
            labelled = self.in_label or a.get("aria-label") or a.get("aria-labelledby")
            self.controls.append((a.get("id"), bool(labelled), a.get("name")))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def audit(body: str) -> PageAudit:
    page = PageAudit()
    page.feed(body)
    return page


def public_pages(people, many: int = 1) -> list[str]:
    """The public pages, the request list with `many` long rows (others with two)."""
    for n in range(many):
        published(people, title=f"Need {n} " * 8, challenge="Long text. " * 80)
    for n in range(min(many, 2)):
        offer(people, title=f"Offer {n} " * 8, description="Long text. " * 80)
        opportunity(people, title=f"Call {n} " * 8, description="Long text. " * 80)
    return [
        "/requests/",
        "/offers/",
        "/opportunities/",
        published(people, touches_iplc_lands="yes").get_absolute_url(),
        offer(people).get_absolute_url(),
        opportunity(people).get_absolute_url(),
    ]


def test_public_pages_stay_within_the_size_and_request_budget(client, people):
    for url in public_pages(people, many=20):
        body = client.get(url).content
        page = audit(body.decode())
        assert len(page.loads) + 1 <= 8, page.loads
        total = len(gzip.compress(body))
        for src in page.loads:
            assert src.startswith("/static/"), src  # nothing from elsewhere
            path = finders.find(src.removeprefix("/static/"))
            total += len(gzip.compress(Path(path).read_bytes()))
        assert total < 60 * 1024, (url, total)


def test_every_form_control_has_a_label(client, people):
    request = under_review(people)
    published(people)
    pages = [
        (None, "/requests/"),
        (people.coordinator, request.get_absolute_url()),
        (people.coordinator, "/review/"),
        (people.focal_point, "/requests/new/"),
        (people.focal_point, "/offers/new/"),
        (people.provider, "/opportunities/new/"),
    ]
    for user, url in pages:
        if user is not None:
            client.force_login(user)
        page = audit(text(client.get(url)))
        assert page.controls, url
        for control_id, wrapped, name in page.controls:
            assert wrapped or control_id in page.label_for, (url, name)


def test_pages_have_landmarks_and_headings_in_order(client, people):
    urls = public_pages(people)
    client.force_login(people.member)
    urls += ["/requests/new/", "/me/", "/review/"]
    for url in urls:
        page = audit(text(client.get(url)))
        assert {"main", "nav", "header", "footer"} <= page.landmarks
        assert page.headings[0] == 1 and page.headings.count(1) == 1, url
        for before, after in pairwise(page.headings):
            assert after <= before + 1, (url, page.headings)


def test_the_language_switcher_posts_to_set_language(client, people):
    body = text(client.get("/requests/"))
    assert 'action="/i18n/setlang/"' in body
    for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español")):
        assert f'value="{code}" lang="{code}"' in body and name in body
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/requests/"})
    assert (
        response.status_code == 302
        and response.cookies["django_language"].value == "fr"
    )
