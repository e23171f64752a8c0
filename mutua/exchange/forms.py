"""Forms of the exchange: requests, offers, opportunities, and the list filters.

Forms only check input and limit choices to what the user may submit for; the
services decide and write. `sections` groups fields as the Bio-Bridge request
form does, for the form and the detail page alike.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import CurrencyField
from mutua.core.forms import CarriesShownValues
from mutua.core.text import fold
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import (
    ELIGIBILITY_CHOICES,
    Country,
    GbfTarget,
    Language,
    Organization,
    Region,
)
from mutua.directory.selectors import languages_offered

from . import access
from .models import (
    Beneficiary,
    IplcLands,
    Offer,
    Opportunity,
    Request,
)


class TargetsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: GbfTarget) -> str:
        return _("Target %(number)s — %(title)s") % {
            "number": obj.number,
            "title": obj.short_title,
        }


def _targets() -> TargetsField:
    return TargetsField(
        GbfTarget.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("GBF targets"),
        help_text=_("The Kunming-Montreal Global Biodiversity Framework targets."),
    )


def _choices(choices, label, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        help_text=help_text,
    )


def _date() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class DatalistInput(forms.TextInput):
    """A text box that suggests names from a list as one types, without JavaScript."""

    template_name = "exchange/widgets/datalist.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.options: list[str] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{attrs['id']}-options"
        context["widget"]["options"] = self.options
        return context


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


def _formfield(model_field, **kwargs) -> forms.Field | None:
    """Checkboxes for every many-to-many field, date pickers, short text areas."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    elif isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", _date())
    elif isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(model_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
    return model_field.formfield(**kwargs)


class ExchangeForm(CarriesShownValues, forms.ModelForm):
    """A form that knows its user and shows service errors next to their fields."""

    sections: list[tuple[str, list[str]]] = []
    required_css_class = "required"

    def __init__(self, *args, user: Actor, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.carry_shown_values()

    def fieldsets(self):
        """(legend, bound fields) of each section, for the fields the form has."""
        for legend, names in self.sections:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def may_submit(self) -> bool:
        """Whether the user has anything to submit for (a country or an organization)."""
        if self.instance.pk:
            return True
        return any(
            self.fields[name].queryset.exists()
            for name in ("country", "organization")
            if name in self.fields
        )


# Requests ---------------------------------------------------------------------


def request_countries(user: Actor):
    if directory.is_secretariat(user):
        return Country.objects.all()
    return Country.objects.filter(
        Q(pk__in=directory.focal_point_country_ids(user))
        | Q(organizations__in=directory.member_organization_ids(user))
    ).distinct()


def request_organizations(user: Actor):
    if directory.is_secretariat(user):
        return Organization.objects.select_related("country")
    return Organization.objects.filter(
        Q(pk__in=directory.member_organization_ids(user))
        | Q(country_id__in=directory.focal_point_country_ids(user))
    ).select_related("country")


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
    targets = _targets()
    beneficiaries = _choices(Beneficiary.choices, _("Beneficiaries"))
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
        formfield_callback = _formfield
        fields = [name for _legend, names in REQUEST_SECTIONS for name in names]
        labels = {
            "title": _("Title"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact e-mail"),
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
            "modalities": _("Modalities"),
            "languages": _("Languages"),
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


# Offers and opportunities -------------------------------------------------------


def listing_organizations(user: Actor):
    if directory.is_secretariat(user):
        return Organization.objects.select_related("country")
    return Organization.objects.filter(
        pk__in=directory.member_organization_ids(user)
    ).select_related("country")


def offer_countries(user: Actor):
    if directory.is_secretariat(user):
        return Country.objects.all()
    return Country.objects.filter(pk__in=directory.focal_point_country_ids(user))


OFFER_SECTIONS = [
    (_("Who offers"), "organization country contact_name contact_email".split()),
    (_("The offer"), "title description track_record funding".split()),
    (_("Scope"), "targets modalities resources languages".split()),
    (
        _("Who it serves"),
        "serves_everywhere serves_regions serves_countries serves_as eligibility capacity covers_operational_costs".split(),
    ),
    (_("Validity"), "valid_from valid_until".split()),
]


class OfferForm(ExchangeForm):
    sections = OFFER_SECTIONS
    targets = _targets()
    eligibility = _choices(
        ELIGIBILITY_CHOICES,
        _("Only for"),
        _("Leave all unticked if the offer is open to every country."),
    )

    class Meta:
        model = Offer
        formfield_callback = _formfield
        fields = [name for _legend, names in OFFER_SECTIONS for name in names]
        labels = {
            "title": _("Title"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact e-mail"),
            "description": _("How your expertise can help"),
            "track_record": _("Cooperation track record"),
            "funding": _("Funding the offer brings"),
            "resources": _("Resource types offered"),
            "serves_everywhere": _("Serves every region"),
            "serves_regions": _("Regions served"),
            "serves_countries": _("Countries served"),
            "serves_as": _("The regions and countries served are"),
            "capacity": _("Engagements at once"),
            "covers_operational_costs": _(
                "Covers operational costs (travel, accommodation)"
            ),
            "valid_from": _("Valid from"),
            "valid_until": _("Valid until"),
            "organization": _("Organization"),
            "country": _("Country"),
            "modalities": _("Modalities"),
            "languages": _("Languages"),
        }
        help_texts = {
            "country": _(
                "Leave empty to use the organization's country; a focal point "
                "offering on behalf of a country names it here."
            ),
            "serves_regions": _("Used when the offer does not serve every region."),
            "serves_as": _(
                "A limit: requests from elsewhere are never suggested. A "
                "preference: they are, ranked below those from where you serve."
            ),
        }

    def __init__(self, *args, user: Actor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["serves_regions"].queryset = Region.objects.exclude(
            level=Region.Level.INTERMEDIATE
        )
        if self.instance.pk:
            del self.fields["country"], self.fields["organization"]
            return
        self.fields["organization"].queryset = listing_organizations(user)
        self.fields["country"].queryset = offer_countries(user)
        self.fields["country"].required = False

    def clean(self):
        data = super().clean()
        if (
            self.instance.pk
            or self.has_error("organization")
            or self.has_error("country")
        ):
            return data
        organization, country = data.get("organization"), data.get("country")
        if organization is None and country is None:
            self.add_error(
                "organization",
                _("Choose your organization, or the country you offer for."),
            )
        elif organization and country and organization.country_id != country.pk:
            self.add_error("country", _("The country must be the organization's."))
        elif not access.may_create_listing(
            self.user,
            country=country or organization.country,
            organization=organization,
        ):
            self.add_error("organization", _("Choose one of your organizations."))
        return data


OPPORTUNITY_SECTIONS = [
    (_("Who funds"), "organization contact_name contact_email".split()),
    (
        _("The opportunity"),
        "title description how_to_apply url amount currency".split(),
    ),
    (_("Who may apply"), "eligibility eligibility_detail beneficiaries".split()),
    (_("Scope"), "targets modalities languages".split()),
    (_("Dates"), "deadline start_date end_date".split()),
]


class OpportunityForm(ExchangeForm):
    sections = OPPORTUNITY_SECTIONS
    targets = _targets()
    eligibility = _choices(
        ELIGIBILITY_CHOICES,
        _("Only for"),
        _("Leave all unticked if every country may apply."),
    )
    beneficiaries = _choices(Beneficiary.choices, _("Beneficiaries"))
    currency = CurrencyField(label=_("Currency"), required=False)

    class Meta:
        model = Opportunity
        formfield_callback = _formfield
        fields = [name for _legend, names in OPPORTUNITY_SECTIONS for name in names]
        labels = {
            "organization": _("Funding organization"),
            "title": _("Title"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact e-mail"),
            "how_to_apply": _("How to apply"),
            "url": _("Web page of the call"),
            "amount": _("Amount"),
            "eligibility_detail": _("More about eligibility"),
            "deadline": _("Deadline"),
            "start_date": _("Start"),
            "end_date": _("End"),
            "description": _("Description"),
            "modalities": _("Modalities"),
            "languages": _("Languages"),
        }

    def __init__(self, *args, user: Actor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
            return
        self.fields["organization"].queryset = listing_organizations(user)


FORMS = {Request: RequestForm, Offer: OfferForm, Opportunity: OpportunityForm}


class RenewForm(forms.Form):
    valid_until = forms.DateField(label=_("New end of validity"), widget=_date())
