"""Reference data: regions and countries, their groups, the shipped taxonomies
and the Global Biodiversity Framework, each named in the reader's language."""

from collections.abc import Mapping

import pycountry
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mutua.core.local_names import country_name
from mutua.core.local_names import in_language
from mutua.core.local_names import iso_name


class Region(models.Model):
    """A UN M49 region, subregion or intermediate region."""

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        SUBREGION = "subregion", _("Subregion")
        INTERMEDIATE = "intermediate", _("Intermediate region")

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The organization hosting the region's cooperation centre, once selected.
    centre = models.ForeignKey(
        "Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="centre_of",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CountryGroup(models.TextChoices):
    """The groups of countries that the Convention's decisions name: one
    definition for the filters, offers' eligibility, the indicators and the
    matching engine's places. `Country.groups` and `group_condition` say which
    countries belong, from the flags of the reference data."""

    LDC = "LDC", _("Least developed countries (LDC)")
    LLDC = "LLDC", _("Landlocked developing countries (LLDC)")
    SIDS = "SIDS", _("Small island developing States (SIDS)")
    DEVELOPING = "developing", _("Developing countries")
    DEVELOPED = "developed", _("Developed countries")


# The field of a country that puts it in each group, and its value.
GROUP_MEMBERSHIP = {
    CountryGroup.LDC: ("is_ldc", True),
    CountryGroup.LLDC: ("is_lldc", True),
    CountryGroup.SIDS: ("is_sids", True),
    CountryGroup.DEVELOPING: ("development_group", "developing"),
    CountryGroup.DEVELOPED: ("development_group", "developed"),
}


# The groups an offer may be reserved for: all but the developed countries.
ELIGIBILITY_GROUPS = [g for g in CountryGroup if g != CountryGroup.DEVELOPED]
ELIGIBILITY_CHOICES = [(g.value, g.label) for g in ELIGIBILITY_GROUPS]


def groups_of(country: Mapping[str, object]) -> list[str]:
    """The groups an offer may be reserved for that a country, given as its field
    values, belongs to."""
    return [
        group.value
        for group in ELIGIBILITY_GROUPS
        if country[GROUP_MEMBERSHIP[group][0]] == GROUP_MEMBERSHIP[group][1]
    ]


def group_condition(group: str, prefix: str = "") -> models.Q:
    """The countries of a group, as a query on Country (or on the country a
    `prefix` such as "country__" leads to)."""
    name, value = GROUP_MEMBERSHIP[CountryGroup(group)]
    return models.Q(**{f"{prefix}{name}": value})


class Country(models.Model):
    class DevelopmentGroup(models.TextChoices):
        DEVELOPING = "developing", _("Developing")
        DEVELOPED = "developed", _("Developed")

    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, unique=True)
    m49 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subregion = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intermediate_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_ldc = models.BooleanField("LDC", default=False)
    is_lldc = models.BooleanField("LLDC", default=False)
    is_sids = models.BooleanField("SIDS", default=False)
    is_economy_in_transition = models.BooleanField(default=False)
    development_group = models.CharField(
        max_length=10, choices=DevelopmentGroup.choices, blank=True
    )
    is_party = models.BooleanField("CBD Party", default=False)
    # Official and regionally official languages, offered first to its requesters.
    languages = models.ManyToManyField("Language", blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        """Its name in the reader's language; in English, or where no
        translation is at hand, M49's."""
        return country_name(self.iso3, self.name)

    def get_absolute_url(self) -> str:
        return reverse("directory:country", args=[self.iso3])

    @property
    def is_developing(self) -> bool:
        return self.development_group == self.DevelopmentGroup.DEVELOPING

    @property
    def region_codes(self) -> set[str]:
        """M49 codes of every region this country lies in."""
        return {
            r.code
            for r in (self.region, self.subregion, self.intermediate_region)
            if r is not None
        }

    @property
    def groups(self) -> list[str]:
        """The groups of this country that an offer may be reserved for."""
        return groups_of({f: getattr(self, f) for f, _ in GROUP_MEMBERSHIP.values()})


class CodedTerm(models.Model):
    """A term of a shipped taxonomy, addressed by its code."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class TranslatedTerm(CodedTerm):
    """A term whose names in the other languages ship with it (see load-reference)."""

    # By Django's language code: {"fr": "Formation conjointe", ...}.
    names = models.JSONField(default=dict, blank=True)

    class Meta(CodedTerm.Meta):
        abstract = True

    def __str__(self) -> str:
        return in_language(self.names, self.name)


class Modality(TranslatedTerm):
    class Meta(TranslatedTerm.Meta):
        verbose_name_plural = "modalities"


class ResourceType(TranslatedTerm):
    pass


class TargetGroup(TranslatedTerm):
    """Who an activity is for: grassroots organizations, IPLC, policymakers…"""


class Language(CodedTerm):
    """An ISO 639-1 language."""

    class Meta(CodedTerm.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        """Its name in the reader's language (ISO 639's, as pycountry's
        translators give it), or its everyday English name."""
        return iso_name(
            "iso639-3", pycountry.languages.get(alpha_2=self.code), self.name
        )


class GbfEntry(models.Model):
    """A goal or a target of the Kunming-Montreal Global Biodiversity Framework."""

    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=200)
    text = models.TextField()
    # The short title in the other languages (see load-reference).
    short_titles = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def local_short_title(self) -> str:
        return in_language(self.short_titles, self.short_title)


class GbfGoal(GbfEntry):
    code = models.CharField(max_length=1, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return gettext("Goal %(code)s: %(title)s") % {
            "code": self.code,
            "title": self.local_short_title,
        }


class GbfTarget(GbfEntry):
    number = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return gettext("Target %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.local_short_title,
        }

    @property
    def code(self) -> str:
        return str(self.number)
