"""Organizations, requests and offers imported from a file, every row as the
services would write it for the importing user."""

import datetime as dt

import pytest

from mutua.directory.models import Membership
from mutua.directory.models import Organization
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.testing.uploads import NEXT_YEAR
from mutua.testing.uploads import OFFERS
from mutua.testing.uploads import ORGANIZATIONS
from mutua.testing.uploads import REQUESTS
from mutua.testing.uploads import csv_file
from mutua.testing.uploads import run
from mutua.testing.uploads import where
from mutua.testing.uploads import xlsx_file

pytestmark = pytest.mark.django_db


def test_a_csv_of_organizations_imports_every_row_with_its_importer_as_admin(people):
    outcome = run(people.outsider, csv_file(ORGANIZATIONS))
    assert outcome.ok and outcome.kind == "organizations" and outcome.created == 2
    herbarium = Organization.objects.get(name="Zomba Herbarium")
    assert herbarium.country == people.malawi and herbarium.type == "academic"
    assert Membership.objects.get(organization=herbarium).user == people.outsider


def test_a_csv_of_requests_imports_every_row_with_its_lists_dates_and_flags(people):
    outcome = run(people.member, csv_file(REQUESTS))
    assert outcome.ok and outcome.kind == "requests" and outcome.created == 2
    request = Request.objects.get(title="Barcoding of cichlids")
    assert request.organization == people.ngo and request.status == "draft"
    assert sorted(request.targets.values_list("number", flat=True)) == [4, 20]
    assert set(request.modalities.values_list("code", flat=True)) == {
        "joint_training",
        "networking",
    }
    assert list(request.languages.order_by("code").values_list("code", flat=True)) == [
        "en",
        "fr",
    ]
    assert request.beneficiaries == ["iplc", "youth"] and request.level == "subnational"
    assert str(request.budget_amount) == "15000.50" and request.budget_currency == "USD"
    assert request.start_date == dt.date(2026, 3, 1) and request.touches_iplc_lands
    assert Request.objects.get(title="Wetland mapping").level == "national"


def test_a_csv_of_offers_imports_every_row_with_where_it_serves(people):
    outcome = run(people.provider, csv_file(OFFERS))
    assert outcome.ok and outcome.kind == "offers" and outcome.created == 2
    offer = Offer.objects.get(title="Barcoding course")
    assert offer.country == people.south_africa and offer.capacity == 3
    assert not offer.serves_everywhere and offer.eligibility == ["LDC", "SIDS"]
    assert list(offer.serves_regions.values_list("code", flat=True)) == ["014"]
    assert list(offer.serves_countries.all()) == [people.malawi]
    assert offer.covers_operational_costs and offer.valid_until == NEXT_YEAR
    assert Offer.objects.get(title="Taxonomy mentoring").serves_everywhere


def test_a_semicolon_csv_with_a_byte_order_mark_and_spelled_out_header_is_read(
    people,
):
    rows = [["Name", " Country", "TYPE", "Website", "Description"], *ORGANIZATIONS[1:]]
    outcome = run(people.outsider, csv_file(rows, delimiter=";", bom=True))
    assert outcome.ok and outcome.created == 2


@pytest.mark.parametrize(
    ("kind", "persona", "rows"),
    [
        (
            "organizations",
            "outsider",
            [["name", "country", "type"], ["Likoma Reef Watch", "MWI", "grassroots"]],
        ),
        (
            "requests",
            "focal_point",
            [
                [
                    "title",
                    "country",
                    "challenge",
                    "targets",
                    "start_date",
                    "budget_amount",
                ]
                + ["budget_currency", "touches_iplc_lands"],
                ["Seed banking", "MWI", "Seeds are lost.", 20, dt.date(2026, 5, 1)]
                + [2500, "EUR", "Yes"],
            ],
        ),
        (
            "offers",
            "provider",
            [
                ["title", "organization", "description", "capacity", "serves"]
                + ["valid_until"],
                ["Drone mapping", "University of Cape Town", "Surveys.", 4.0, 2]
                + [dt.datetime.combine(NEXT_YEAR, dt.time())],
            ],
        ),
    ],
)
def test_a_workbook_of_each_kind_imports_with_its_typed_cells(
    people, kind, persona, rows
):
    outcome = run(getattr(people, persona), xlsx_file(rows), filename="rows.xlsx")
    assert outcome.ok, outcome.problems
    assert outcome.kind == kind and outcome.created == 1
    record = outcome.imported[0].record
    if kind == "requests":
        assert record.start_date == dt.date(2026, 5, 1)
        assert record.touches_iplc_lands == "yes"
        assert (
            record.budget_amount == 2500 and list(record.targets.all())[0].number == 20
        )
    if kind == "offers":
        assert record.capacity == 4 and record.valid_until == NEXT_YEAR
        assert list(record.serves_regions.values_list("code", flat=True)) == ["002"]


def test_publish_submits_requests_and_publishes_offers(people):
    run(people.member, csv_file(REQUESTS), publish=True)
    assert set(Request.objects.values_list("status", flat=True)) == {"submitted"}
    run(people.provider, csv_file(OFFERS), publish=True)
    offer = Offer.objects.get(title="Barcoding course")
    assert offer.status == "published" and offer.published_at is not None


def test_a_focal_point_imports_requests_for_its_country_without_an_organization(
    people,
):
    rows = [
        ["title", "country", "challenge", "touches_iplc_lands"],
        ["Seed banking", "Malawi", "Loss.", "unknown"],
    ]
    outcome = run(people.focal_point, csv_file(rows), publish=True)
    assert outcome.ok
    assert Request.objects.get().status == "under_review"


def test_submitting_on_import_needs_the_akwe_kon_answer_but_a_draft_does_not(
    people,
):
    rows = [["title", "country", "challenge"], ["Seed banking", "Malawi", "Loss."]]
    outcome = run(people.focal_point, csv_file(rows), publish=True)
    assert [(p.row, p.field) for p in outcome.problems] == [(2, "touches_iplc_lands")]
    assert "yes, no or not known" in outcome.problems[0].message
    assert not Request.objects.exists()
    outcome = run(people.focal_point, csv_file(rows))
    assert outcome.ok and Request.objects.get().touches_iplc_lands == ""
    rows = [["title", "country", "challenge", "touches_iplc_lands"]]
    outcome = run(people.focal_point, csv_file([*rows, ["A", "MWI", "B", "maybe"]]))
    assert outcome.problems[0].field == "touches_iplc_lands"
    assert "Use one of: yes, no, unknown" in outcome.problems[0].message


def test_an_organization_named_alike_in_two_countries_is_told_apart_by_country(people):
    for country in (people.malawi, people.south_africa):
        Organization.objects.create(name="Ministry of Environment", country=country)
    rows = [
        ["title", "country", "organization", "challenge"],
        ["Seed banking", "MWI", "Ministry of Environment", "Loss."],
    ]
    outcome = run(people.focal_point, csv_file(rows))
    assert outcome.ok
    assert Request.objects.get().organization.country == people.malawi


def test_where_an_offer_serves_is_imported_as_a_limit_or_a_preference(people):
    header = ["title", "organization", "description", "serves", "serves_as"]
    header += ["valid_until"]
    org, until = "University of Cape Town", NEXT_YEAR.isoformat()
    rows = [
        header,
        ["Limited", org, "Lab work.", "MWI", "limit", until],
        ["Preferred", org, "Lab work.", "MWI", "", until],
        ["Unsure", org, "Lab work.", "MWI", "sometimes", until],
    ]
    outcome = run(people.provider, csv_file(rows))
    assert where(outcome) == {(4, "serves_as")}
    assert "sometimes" in outcome.problems[0].message
    outcome = run(people.provider, csv_file(rows[:3]))
    assert outcome.ok
    assert Offer.objects.get(title="Limited").serves_as == Offer.Serves.LIMIT
    assert Offer.objects.get(title="Preferred").serves_as == Offer.Serves.PREFERENCE


# What writing at once keeps -------------------------------------------------------


def test_an_import_keeps_each_records_history_search_text_and_follow_ups(
    people, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from mutua.exchange.duplicates import flag_duplicates
    from mutua.matching.ranking import refresh_all_suggestions
    from mutua.monitoring.models import Use

    rows = [["title", "country", "challenge", "touches_iplc_lands", "targets"]]
    rows += [["Seed banking of maize", "MWI", "Seed loss in maize.", "no", "4"]] * 2
    with django_capture_on_commit_callbacks(execute=True):
        assert run(people.focal_point, csv_file(rows), publish=True).ok
    requests = list(Request.objects.order_by("pk"))
    for request in requests:
        steps = list(
            request.transitions.values_list("action", "from_status", "to_status")
        )
        assert steps == [("create", "", "draft"), ("submit", "draft", "under_review")]
        assert request.endorsed_by == people.focal_point and request.status_changed_at
        assert "maize" in request.search_text and request.targets.count() == 1
    assert Use.objects.filter(kind=Use.Kind.SUBMISSION).count() == 2
    queued = DBTaskResult.objects.get(task_path=flag_duplicates.module_path)
    assert sorted(queued.args_kwargs["kwargs"]["request_ids"]) == [
        r.pk for r in requests
    ]
    flag_duplicates.call(request_ids=[r.pk for r in requests])
    assert list(requests[0].possible_duplicates.all()) == [requests[1]]

    with django_capture_on_commit_callbacks(execute=True):
        assert run(people.provider, csv_file(OFFERS), publish=True).ok
    offer = Offer.objects.get(title="Barcoding course")
    assert list(offer.transitions.values_list("action", flat=True)) == [
        "create",
        "publish",
    ]
    assert offer.serves_countries.get() == people.malawi
    waiting = DBTaskResult.objects.filter(task_path=refresh_all_suggestions.module_path)
    assert waiting.count() == 1
