"""The IATI export, validated against the official 2.03 schema shipped beside it."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from mutua.cooperation import iati
from mutua.cooperation import services
from mutua.cooperation.models import Partnership
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Organization
from mutua.testing.builders import entered

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).parent / "iati-schemas-2.03" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def validated(schema: etree.XMLSchema, content: bytes) -> etree._Element:
    """The parsed file, once the schema has found nothing wrong with it."""
    document = etree.fromstring(content)
    schema.validate(document)
    errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
    assert not errors, f"invalid IATI XML:\n{errors}\n\n{content.decode()}"
    return document


def export(*partnerships: Partnership) -> bytes:
    return iati.activities_xml(
        Partnership.objects.filter(pk__in=[p.pk for p in partnerships]).order_by("id")
    )


@pytest.fixture
def minimal(people):
    """Formed with only what a partnership needs: two participants and a start."""
    return entered(people)


@pytest.fixture
def complete(people):
    """Every field filled: every role, ended early, funded in USD and in EUR."""
    germany, zambia = Country.objects.get(iso3="DEU"), Country.objects.get(iso3="ZMB")
    unep = Organization.objects.create(
        name="UN Environment Programme",
        country=Country.objects.get(iso3="KEN"),
        type="intergovernmental",
    )
    centre = Organization.objects.create(
        name="SADC Biodiversity Centre", country=zambia, type="regional_centre"
    )
    partnership = entered(
        people,
        {"role": "beneficiary", "country": zambia},
        {"role": "funder", "country": germany},
        {"role": "facilitator", "organization": unep},
        {"role": "coordinating_centre", "organization": centre},
        {"role": "provider", "name": "Dr. A. Banda & Partners", "country": zambia},
        title="Wetland monitoring <with> drones",
        description="Rangers of two countries learn to count waterbirds from the air.",
        status="ended",
        started_on=dt.date(2024, 3, 1),
        ended_on=dt.date(2025, 11, 30),
        targets=GbfTarget.objects.filter(number__in=[3, 20]),
    )
    services.exchange_rate_set(
        by=people.secretariat,
        currency="EUR",
        valid_from=dt.date(2024, 1, 1),
        per_reporting_unit=Decimal("0.9"),
        source="Illustrative",
    )
    funders = partnership.participants
    for amount, currency, funder in (
        ("25000.00", "USD", funders.get(role="facilitator")),
        ("12000.50", "EUR", funders.get(role="funder")),
    ):
        services.record_add(
            partnership=partnership,
            by=people.secretariat,
            kind="funding",
            title=f"Grant in {currency}",
            dated=dt.date(2024, 6, 1),
            amount=Decimal(amount),
            currency=currency,
            purpose="training",
            funder=funder,
        )
    return partnership


def test_a_partnership_formed_with_the_minimum_is_valid(schema, minimal):
    document = validated(schema, export(minimal))
    activity = document.find("iati-activity")
    assert activity.findtext("iati-identifier") == f"XM-MUTUA-{minimal.uuid}"
    reporter = activity.find("reporting-org")
    assert (reporter.get("ref"), reporter.get("type")) == ("XM-MUTUA", "40")
    assert reporter.findtext("narrative") == "Mutua"
    # The schema requires a description: the title stands in.
    assert activity.findtext("description/narrative") == minimal.title
    assert activity.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")]
    assert dates == [("2", "2026-03-01")]
    assert [c.attrib for c in activity.iter("recipient-country")] == [{"code": "MW"}]
    assert activity.get("default-currency") == "USD"
    assert activity.find("transaction") is None


def test_a_partnership_with_every_field_is_valid(schema, complete):
    activity = validated(schema, export(complete)).find("iati-activity")
    orgs = [
        (o.get("role"), o.get("type"), o.findtext("narrative"))
        for o in activity.iter("participating-org")
    ]
    assert orgs == [
        ("1", "10", "Germany"),
        ("3", "90", "SADC Biodiversity Centre"),
        ("3", "40", "UN Environment Programme"),
        ("4", "22", "Lilongwe Wetlands Trust"),
        ("4", "80", "University of Cape Town"),
        ("4", None, "Dr. A. Banda & Partners"),
    ]
    assert activity.findtext("title/narrative") == "Wetland monitoring <with> drones"
    assert activity.find("activity-status").get("code") == "5"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.iter("activity-date")]
    assert dates == [("2", "2024-03-01"), ("4", "2025-11-30")]
    countries = [
        (c.get("code"), c.get("percentage")) for c in activity.iter("recipient-country")
    ]
    assert countries == [("MW", "50.00"), ("ZM", "50.00")]
    assert activity.find("sector").attrib == {"vocabulary": "1", "code": "41030"}
    assert activity.find("collaboration-type").get("code") == "8"
    flows = [
        (
            t.find("transaction-type").get("code"),
            t.find("value").text,
            t.find("value").get("currency"),
            t.find("value").get("value-date"),
            t.findtext("provider-org/narrative"),
        )
        for t in activity.iter("transaction")
    ]
    assert flows == [
        ("1", "25000.00", "USD", "2024-06-01", "UN Environment Programme"),
        ("1", "12000.50", "EUR", "2024-06-01", "Germany"),
    ]


def test_several_partnerships_share_one_valid_file(
    schema, minimal, complete, people, django_assert_max_num_queries
):
    third = entered(people, title="Seed banks", status="completed")
    with django_assert_max_num_queries(3):
        content = export(minimal, complete, third)
    document = validated(schema, content)
    assert document.get("version") == "2.03" and document.get("generated-datetime")
    identifiers = [a.findtext("iati-identifier") for a in document]
    assert identifiers == [f"XM-MUTUA-{p.uuid}" for p in (minimal, complete, third)]
    assert document[2].find("activity-status").get("code") == "4"


def test_the_publisher_comes_from_the_settings(schema, minimal, settings):
    settings.IATI_ORGANISATION_REF = "XM-DAC-99-1"
    settings.IATI_ORGANISATION_NAME = "Example Secretariat"
    activity = validated(schema, export(minimal)).find("iati-activity")
    assert activity.findtext("iati-identifier") == f"XM-DAC-99-1-{minimal.uuid}"
    assert activity.findtext("reporting-org/narrative") == "Example Secretariat"


def test_characters_xml_forbids_are_dropped(schema, minimal):
    minimal.description = "Line one\x0bline two\x1f"
    minimal.save()
    activity = validated(schema, export(minimal)).find("iati-activity")
    assert activity.findtext("description/narrative") == "Line oneline two"


def test_the_schema_check_fails_on_elements_out_of_order(schema, minimal):
    document = etree.fromstring(export(minimal))
    activity = document.find("iati-activity")
    activity.append(activity.find("reporting-org"))  # moved to the end
    with pytest.raises(AssertionError, match="reporting-org"):
        validated(schema, etree.tostring(document))


def test_the_download_of_listed_partnerships_is_valid_iati(client, schema, minimal):
    response = client.get("/partnerships/iati.xml")
    assert response["Content-Type"] == "application/xml"
    assert "attachment" in response["Content-Disposition"]
    root = validated(schema, response.content)
    assert len(root.findall("iati-activity")) == 1
    assert client.get("/partnerships/iati.xml?q=nothing-matches").status_code == 404
