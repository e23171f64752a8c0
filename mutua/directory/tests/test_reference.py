import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from mutua.directory.models import Country
from mutua.directory.models import GbfGoal
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Region
from mutua.directory.models import ResourceType
from mutua.directory.reference import DATA
from mutua.directory.reference import load_reference
from mutua.directory.reference import term_codes
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


# In the reader's language -------------------------------------------------------

OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]


def test_every_reference_name_is_translated_in_every_language():
    """The shipped names of the terms and the GBF's short titles, in each language
    the interface speaks: none missing, none empty, none left in English."""
    names = json.loads((DATA / "translations.json").read_text())["datasets"]
    with open(DATA / "gbf_targets.json", encoding="utf-8") as f:
        gbf = json.load(f)
    expected = {
        "modalities": term_codes("modalities.csv"),
        "resource_types": term_codes("resource_types.csv"),
        "target_groups": term_codes("target_groups.csv"),
        "gbf_goals": [g["code"] for g in gbf["goals"]],
        "gbf_targets": [str(t["number"]) for t in gbf["targets"]],
    }
    english = {
        "gbf_goals": {g["code"]: g["short_title"] for g in gbf["goals"]},
        "gbf_targets": {str(t["number"]): t["short_title"] for t in gbf["targets"]},
    }
    for dataset, codes in expected.items():
        assert sorted(names[dataset]) == sorted(codes), dataset
        for code in codes:
            given = names[dataset][code]
            assert sorted(given) == sorted(OTHER_LANGUAGES), (dataset, code)
            assert all(given.values()), (dataset, code)
            assert english.get(dataset, {}).get(code) not in given.values()


def test_terms_targets_countries_and_languages_read_in_the_readers_language(
    reference,
):
    malawi = Country.objects.get(iso3="MWI")
    chichewa = Language.objects.get(code="ny")
    training = Modality.objects.get(code="joint_training")
    target = GbfTarget.objects.get(number=20)
    seen = {}
    for language in ["en", *OTHER_LANGUAGES]:
        with translation.override(language):
            seen[language] = (str(malawi), str(chichewa), str(training), str(target))
    assert seen["en"][:3] == ("Malawi", "Chichewa", "Joint training")
    assert seen["fr"][2] == "Formation conjointe"
    assert seen["ar"][0] == "ملاوي" and seen["ru"][0] == "Малави"
    assert seen["zh-hans"][0] == "马拉维"
    for language in OTHER_LANGUAGES:
        # French and Spanish write Malawi as English does; the other scripts do not.
        assert seen[language][0] != "Malawi" or language in ("fr", "es"), language
        assert seen[language][2] != "Joint training", language
        assert not seen[language][3].startswith("Target 20: Strengthen"), language


def test_the_country_pages_name_countries_in_arabic(client, reference):
    body = client.get("/countries/MWI/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "<h1>ملاوي</h1>" in body
