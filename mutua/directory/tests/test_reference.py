import pytest
from django.core.management import call_command

from mutua.directory.models import Country
from mutua.directory.models import GbfGoal
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.reference import load_reference
from mutua.testing.personas import REFERENCE_DAY

pytestmark = pytest.mark.django_db


def test_it_loads_every_country_with_its_regions_and_groups():
    assert Country.objects.count() == 248
    fiji = Country.objects.select_related("subregion").get(iso3="FJI")
    assert fiji.is_sids and fiji.subregion.name == "Melanesia"
    malawi = Country.objects.select_related("intermediate_region").get(iso3="MWI")
    assert malawi.is_ldc and malawi.is_lldc and not malawi.is_sids
    assert malawi.intermediate_region.name == "Eastern Africa"
    assert Country.objects.get(iso3="DEU").development_group == "developed"
    assert Country.objects.get(iso3="BRA").development_group == "developing"
    assert Country.objects.get(iso3="KAZ").is_economy_in_transition
    assert Country.objects.get(iso3="CAN").is_party
    assert not Country.objects.get(iso3="USA").is_party


def test_it_applies_ldc_graduations_by_their_date():
    # The fixtures load as of 2026-01-01: Sao Tome and Principe had graduated,
    # Bangladesh (24 November 2026) had not.
    assert not Country.objects.get(iso3="STP").is_ldc
    assert Country.objects.get(iso3="BGD").is_ldc


def test_it_loads_the_gbf_and_the_taxonomies():
    assert GbfGoal.objects.count() == 4
    assert GbfTarget.objects.count() == 23
    assert "technical and scientific" in GbfTarget.objects.get(number=20).text.lower()
    assert Modality.objects.filter(code="joint_training").exists()
    assert ResourceType.objects.count() == 5
    assert Language.objects.get(code="fr").name == "French"


def test_loading_twice_changes_nothing():
    before = (
        Country.objects.count(),
        Language.objects.count(),
        GbfTarget.objects.count(),
    )
    call_command("load_reference", stdout=None)
    after = (
        Country.objects.count(),
        Language.objects.count(),
        GbfTarget.objects.count(),
    )
    assert before == after


def test_languages_carry_plain_names_and_countries_their_languages(reference):
    names = dict(Language.objects.values_list("code", "name"))
    assert (names["es"], names["ny"], names["nb"]) == (
        "Spanish",
        "Chichewa",
        "Norwegian Bokmål",
    )
    assert not any(";" in name for name in names.values())
    malawi = Country.objects.get(iso3="MWI")
    assert set(malawi.languages.values_list("code", flat=True)) == {"ny", "en"}


def test_loading_again_updates_in_place_and_restores_what_was_changed(reference):
    def snapshot():
        return (
            list(Country.objects.order_by("pk").values()),
            list(Region.objects.order_by("pk").values()),
            list(Language.objects.order_by("pk").values()),
            list(GbfTarget.objects.order_by("pk").values()),
            sorted(
                Country.languages.through.objects.values_list(
                    "country_id", "language_id"
                )
            ),
        )

    before = snapshot()
    malawi = Country.objects.get(iso3="MWI")
    Country.objects.filter(pk=malawi.pk).update(name="Nyasaland", is_ldc=False)
    Region.objects.filter(code="014").update(name="East")
    malawi.languages.set(Language.objects.filter(code="fr"))
    load_reference(today=REFERENCE_DAY)
    assert snapshot() == before
