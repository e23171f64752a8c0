"""Forms of the directory pages: they parse and check input; services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mutua.core.forms import CarriesShownValues
from mutua.core.text import search_terms
from mutua.core.zones import names

from . import selectors
from .models import ApiToken
from .models import Country
from .models import CountryGroup
from .models import Language
from .models import Organization
from .models import Region
from .models import RoleAssignment

QUERY_LENGTH = 200


def country_field(**kwargs) -> forms.ModelChoiceField:
    """A country picked from the list by its name, sent as its ISO 3166 code."""
    return forms.ModelChoiceField(
        queryset=Country.objects.order_by("name"),
        to_field_name="iso3",
        error_messages={"invalid_choice": _("Choose a country from the list.")},
        **kwargs,
    )


def region_field(**kwargs) -> forms.ModelChoiceField:
    """A region picked from the list by its name, sent as its M49 code."""
    return forms.ModelChoiceField(
        queryset=Region.objects.order_by("name"), to_field_name="code", **kwargs
    )


class CountryFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    group = forms.ChoiceField(
        label=_("Country group"),
        required=False,
        choices=[("", _("All groups")), *CountryGroup.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            ("", _("All regions")),
            *selectors.region_choices(),
        ]

    def filters(self) -> selectors.CountryFilters:
        """The valid filters; an unknown value is dropped, never fatal."""
        self.is_valid()
        return selectors.CountryFilters(
            region=self.cleaned_data.get("region") or "",
            group=self.cleaned_data.get("group") or "",
        )


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search organizations"), required=False)
    type = forms.MultipleChoiceField(
        label=_("Type"), required=False, choices=Organization.Type.choices
    )
    region = forms.MultipleChoiceField(label=_("Region"), required=False)
    group = forms.MultipleChoiceField(
        label=_("Country group"),
        required=False,
        choices=CountryGroup.choices,
    )
    country = forms.CharField(required=False, max_length=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = selectors.region_choices()

    def filters(self) -> selectors.OrganizationFilters:
        """The valid filters; an unknown value is dropped, never fatal."""
        self.is_valid()
        data = self.cleaned_data
        return selectors.OrganizationFilters(
            query=" ".join(search_terms((data.get("q") or "")[:QUERY_LENGTH])),
            types=data.get("type") or [],
            regions=data.get("region") or [],
            groups=data.get("group") or [],
            country=(data.get("country") or "").upper(),
        )


class OrganizationForm(CarriesShownValues, forms.Form):
    required_css_class = "required"

    name = forms.CharField(label=_("Name"), max_length=200)
    country = country_field(label=_("Country"))
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", "—"), *Organization.Type.choices]
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://example.org"),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the organization does, in a few sentences."),
    )

    @classmethod
    def initial_from(cls, organization: Organization) -> dict:
        return {
            "name": organization.name,
            "country": organization.country,
            "type": organization.type,
            "website": organization.website,
            "description": organization.description,
        }


class MemberAddForm(forms.Form):
    required_css_class = "required"

    email = forms.EmailField(label=_("E-mail of the person's account"), max_length=254)
    is_admin = forms.BooleanField(
        label=_("Admin: may edit the organization and manage its members"),
        required=False,
    )

    def clean_email(self):
        user = selectors.user_by_email(self.cleaned_data["email"])
        if user is None:
            raise ValidationError(
                _("No account uses this e-mail: ask the person to sign up first.")
            )
        self.user = user
        return self.cleaned_data["email"]


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("All roles")), *RoleAssignment.Role.choices],
    )
    q = forms.CharField(label=_("E-mail, country or region"), required=False)

    def filters(self) -> selectors.RoleFilters:
        self.is_valid()
        return selectors.RoleFilters(
            role=self.cleaned_data.get("role") or "",
            query=(self.cleaned_data.get("q") or "")[:QUERY_LENGTH],
        )


class RoleGrantForm(forms.Form):
    required_css_class = "required"

    email = forms.EmailField(label=_("E-mail of the person's account"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *RoleAssignment.Role.choices]
    )
    country = country_field(
        label=_("Country"),
        required=False,
        help_text=_("For a national focal point."),
        empty_label="—",
    )
    region = region_field(
        label=_("Region"),
        required=False,
        help_text=_("For a regional centre coordinator."),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )

    def clean_email(self):
        user = selectors.user_by_email(self.cleaned_data["email"])
        if user is None:
            raise ValidationError(_("No account uses this e-mail."))
        self.user = user
        return self.cleaned_data["email"]


class TokenForm(forms.Form):
    required_css_class = "required"

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("Where it will be used, e.g. “field app on my phone”."),
    )


class ProfileForm(forms.Form):
    required_css_class = "required"

    display_name = forms.CharField(
        label=_("Display name"), required=False, max_length=150
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you work in"),
        queryset=Language.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose languages from the list."),
            "invalid_pk_value": _("Choose languages from the list."),
        },
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Fields, methods and places you know well."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Times are shown in it; without one, in UTC."),
        error_messages={
            "invalid_choice": _("Choose a time zone from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", "UTC"),
            *[(name, name) for name in names()],
        ]
