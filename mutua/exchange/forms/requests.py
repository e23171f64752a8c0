"""The request form, in the sections of the Bio-Bridge request form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import CurrencyField
from mutua.core.text import fold
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import Language
from mutua.directory.selectors import languages_offered

from .. import access
from ..models import Beneficiary
from ..models import IplcLands
from ..models import Request
from ..selectors import request_countries
from ..selectors import request_organizations
from .shared import RECORD_LABELS
from .shared import DatalistInput
from .shared import ExchangeForm
from .shared import choices_field
from .shared import formfield_for
from .shared import section_fields
from .shared import targets_field


def _language_names(value: str) -> list[Language]:
    """Languages typed by name or ISO 639-1 code, separated by commas."""
    known = {}
    for language in Language.objects.all():
        known[fold(language.name)] = known[language.code] = language
    typed = [name.strip() for name in (value or "").split(",") if name.strip()]
    unknown = [name for name in typed if fold(name) not in known]
    if unknown:
        raise ValidationError(
            _("Choose languages from the list; not known: %(names)s."),
            params={"names": ", ".join(unknown)},
            code="unknown",
        )
    return [known[fold(name)] for name in typed]


REQUEST_SECTIONS = [
    (_("Who is asking"), "country organization contact_name contact_email".split()),
    (
        _("The need"),
        "title challenge barriers assistance_sought national_priorities".split(),
    ),
    (_("Scope"), "targets thematic_areas modalities resources languages level".split()),
    (
        _("Who benefits"),
        "beneficiaries beneficiaries_detail touches_iplc_lands".split(),
    ),
    (_("Context"), "other_governments existing_initiatives other_programmes".split()),
    (
        _("Plan and results"),
        "objectives activities expected_outputs expected_outcomes indicators".split(),
    ),
    (
        _("Budget and timeframe"),
        "co_financing budget_amount budget_currency start_date end_date".split(),
    ),
]


class RequestForm(ExchangeForm):
    sections = REQUEST_SECTIONS
    parts = {"other_languages": "languages"}
    targets = targets_field()
    beneficiaries = choices_field(Beneficiary.choices, _("Beneficiaries"))
    # Radio buttons with no answer ticked: a draft may leave the question open,
    # but nothing answers it for the author.
    touches_iplc_lands = forms.ChoiceField(
        choices=IplcLands.choices,
        widget=forms.RadioSelect,
        required=False,
        label=_(
            "Does it touch sacred sites or lands and waters traditionally "
            "occupied by indigenous peoples and local communities?"
        ),
        help_text=_(
            "Needed to submit. If so, the Akwé: Kon guidelines apply and the "
            "request says so."
        ),
        error_messages={"required": _("Answer yes, no or not known.")},
    )
    budget_currency = CurrencyField(label=_("Currency"), required=False)
    other_languages = forms.CharField(
        label=_("Other languages"),
        help_text=_(
            "Type a language's name and pick it from the suggestions; separate "
            "several with commas."
        ),
        required=False,
        max_length=1000,
        widget=DatalistInput,
    )

    class Meta:
        model = Request
        formfield_callback = formfield_for
        fields = section_fields(REQUEST_SECTIONS)
        labels = {
            **RECORD_LABELS,
            "thematic_areas": _("Thematic areas"),
            "beneficiaries_detail": _("More about the beneficiaries"),
            "existing_initiatives": _(
                "Existing initiatives (e.g. donor-funded projects)"
            ),
            "expected_outputs": _("Expected outputs"),
            "expected_outcomes": _("Expected outcomes"),
            "co_financing": _("Co-financing"),
            "budget_amount": _("Budget needed"),
            "start_date": _("Start"),
            "end_date": _("End"),
            "resources": _("Resource types needed"),
            "country": _("Country"),
            "organization": _("Organization"),
            "level": _("Level"),
            "objectives": _("Objectives"),
            "activities": _("Activities"),
            "indicators": _("Indicators"),
        }
        help_texts = {
            "organization": _(
                "Leave empty if the request comes from the national focal point."
            ),
            "challenge": _("The biodiversity problem, in a few sentences."),
            "assistance_sought": _(
                "The types of assistance sought and how each would help."
            ),
            "thematic_areas": _("Separate them with commas."),
        }
        widgets = {"level": forms.RadioSelect}

    def __init__(self, *args, user: Actor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.status != Request.Status.DRAFT:
            self.fields["touches_iplc_lands"].required = True
        self._offer_languages(user)
        if self.instance.pk:
            # Who the request belongs to is settled when it is created.
            del self.fields["country"], self.fields["organization"]
            return
        countries = request_countries(user)
        organizations = request_organizations(user)
        self.fields["country"].queryset = countries
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = _("None: a focal point asks")
        if len(countries) == 1:
            self.fields["country"].initial = countries[0].pk
        if len(organizations) == 1 and not directory.focal_point_country_ids(user):
            self.fields["organization"].initial = organizations[0].pk

    def _offer_languages(self, user: Actor) -> None:
        """Ticks for the requester's languages and the UN's, a typed list for the rest.

        A phone would otherwise scroll through 180 languages to find two.
        """
        if self.instance.pk:
            countries = [self.instance.country]
        elif directory.is_secretariat(user):
            countries = []  # the secretariat asks for any country
        else:
            countries = list(request_countries(user))
        first, rest = languages_offered(countries)
        self.fields["languages"].queryset = first
        self.fields["languages"].help_text = _(
            "The languages of your country and the six UN languages."
        )
        self.fields["other_languages"].widget.options = [x.name for x in rest]
        if self.instance.pk:
            chosen = self.instance.languages.exclude(pk__in=first.values("pk"))
            self.initial["other_languages"] = ", ".join(x.name for x in chosen)

    def fieldsets(self):
        """The sections, with the typed languages under the ticked ones."""
        for legend, fields in super().fieldsets():
            if self["languages"] in fields:
                at = fields.index(self["languages"]) + 1
                fields.insert(at, self["other_languages"])
            yield legend, fields

    def shown_value(self, name: str):
        value = super().shown_value(name)
        if name == "languages":
            typed = super().shown_value("other_languages")
            value = [*value, *_language_names(typed)]
        return value

    def clean_other_languages(self) -> list[Language]:
        return _language_names(self.cleaned_data.get("other_languages"))

    def clean(self):
        data = super().clean()
        others = data.pop("other_languages", [])
        if "languages" in data:
            data["languages"] = [*data["languages"], *others]
        country, organization = data.get("country"), data.get("organization")
        if self.instance.pk or country is None or self.has_error("organization"):
            return data
        if organization and organization.country_id != country.pk:
            self.add_error(
                "organization", _("Choose an organization of the requesting country.")
            )
        elif not access.may_create_request(
            self.user, country=country, organization=organization
        ):
            self.add_error(
                "organization",
                _("Choose your organization: only focal points may leave it empty."),
            )
        return data
