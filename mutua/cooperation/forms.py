"""Forms of cooperation: partnerships entered directly, participants, activities,
results, attendance and exchange rates. Services re-check every rule."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import CurrencyField
from mutua.core.forms import CarriesShownValues
from mutua.directory.forms import country_field
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import TargetGroup

from .models import Activity
from .models import Attendance
from .models import ExchangeRate
from .models import FundingFlow
from .models import Participant
from .models import Partnership
from .models import Policy
from .models import Publication
from .models import Technology
from .models.activities import Delivery

DATE = forms.DateInput(attrs={"type": "date"})


def languages_field() -> forms.ModelMultipleChoiceField:
    """The languages an activity was delivered in, by their ISO code."""
    return forms.ModelMultipleChoiceField(
        label=_("Languages of delivery"),
        queryset=Language.objects.all(),
        to_field_name="code",
        required=False,
    )


NAMED_IN = re.compile(r"^(?P<name>.+?)\s*\((?P<iso3>[A-Za-z]{3})\)$")


class OrganizationField(forms.CharField):
    """An organization on the platform, typed by its name: a list of thousands of
    organizations would not fit a phone. "Name (ISO3)" tells apart namesakes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 210)
        kwargs.setdefault(
            "help_text",
            _(
                "Its name as registered here; add the country code if two share it, "
                "e.g. “Wetlands Trust (MWI)”."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Organization.objects.filter(pk=value).first()
        if isinstance(value, Organization):
            return f"{value.name} ({value.country.iso3})"
        return value

    def clean(self, value) -> Organization | None:
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        found = Organization.objects.filter(name__iexact=text)
        if (named := NAMED_IN.match(text)) and not found.exists():
            found = Organization.objects.filter(
                name__iexact=named["name"], country__iso3__iexact=named["iso3"]
            )
        found = list(found.select_related("country")[:2])
        if not found:
            raise forms.ValidationError(
                _(
                    "No organization of that name is registered here; leave it empty "
                    "and give a name and a country instead."
                )
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _(
                    "Several organizations have this name: add the country code in "
                    "brackets."
                )
            )
        return found[0]


class PartnershipForm(CarriesShownValues, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["title", "description", "status", "started_on", "ended_on", "targets"]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "targets": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": _("Title"),
            "description": _("What the partnership does"),
            "status": _("Status"),
            "started_on": _("Started on"),
            "ended_on": _("Ended on"),
            "targets": _("GBF targets"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.carry_shown_values()


class ParticipantForm(forms.ModelForm):
    organization = OrganizationField(label=_("Organization"), required=False)
    country = country_field(label=_("Country"), required=False)

    class Meta:
        model = Participant
        fields = ["role", "organization", "country", "name"]
        labels = {"role": _("Role"), "name": _("Name, if not registered here")}


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, extra=3, min_num=2, validate_min=True
)


class _OfPartnership(forms.ModelForm):
    """A result whose participant choices are the partnership's own."""

    participant_fields: tuple[str, ...] = ()

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.participant_fields:
            self.fields[name].queryset = partnership.participants.select_related(
                "organization", "country"
            )


class ActivityForm(_OfPartnership):
    lead_organization = OrganizationField(label=_("Lead organization"), required=False)
    lead_country = country_field(label=_("Lead's country"), required=False)
    languages = languages_field()
    target_groups = forms.ModelMultipleChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "modality",
            "delivery",
            "held_on",
            "lead_organization",
            "lead_name",
            "lead_country",
            "lead_is_iplc",
            "languages",
            "in_local_language",
            "target_groups",
            "people_reached",
        ]
        widgets = {"held_on": DATE}
        labels = {
            "title": _("Title"),
            "modality": _("Kind of activity"),
            "delivery": _("Delivered"),
            "held_on": _("Held on"),
            "lead_name": _("Lead's name, if not registered here"),
            "lead_is_iplc": _("Led by indigenous peoples or local communities"),
            "in_local_language": _("Delivered in a local language"),
            "people_reached": _("People reached"),
        }


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["stakeholder_type", "role", "gender", "count"]
        labels = {
            "stakeholder_type": _("Stakeholder type"),
            "role": _("Role"),
            "gender": _("Gender"),
            "count": _("How many"),
        }


AttendanceFormSet = forms.formset_factory(
    AttendanceForm, extra=3, can_delete=True, max_num=200, validate_max=True
)
MORE_ROWS = 3


class AttendanceReasonForm(forms.Form):
    """The editor's word that more took part than the activity reached, and why."""

    confirmed = forms.BooleanField(
        label=_("More took part than the activity reached, and the numbers are right"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=Activity._meta.get_field("attendance_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the reach counts one session of several."),
    )

    def clean(self):
        data = super().clean()
        if data.get("confirmed") and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Say why more took part than the activity reached.")
            )
        return data

    def confirmed_reason(self) -> str:
        """The reason, if the editor ticked the confirmation."""
        return self.cleaned_data["reason"] if self.cleaned_data["confirmed"] else ""


class TechnologyForm(_OfPartnership):
    participant_fields = ("co_creators",)

    class Meta:
        model = Technology
        fields = [
            "title",
            "dated",
            "description",
            "co_creators",
            "local_indigenous_experts",
            "deployed",
        ]
        widgets = {"dated": DATE, "co_creators": forms.CheckboxSelectMultiple}
        labels = {
            "title": _("Technology"),
            "dated": _("First shown on"),
            "co_creators": _("Co-created by"),
            "local_indigenous_experts": _("Local and indigenous experts involved"),
            "deployed": _("Deployed and in use"),
        }


class PublicationForm(_OfPartnership):
    participant_fields = ("authors",)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = ["title", "dated", "url", "authors"]
        widgets = {"dated": DATE, "authors": forms.CheckboxSelectMultiple}
        labels = {
            "title": _("Title"),
            "dated": _("Published on"),
            "url": _("Link"),
            "authors": _("Written by"),
        }


class PolicyForm(_OfPartnership):
    class Meta:
        model = Policy
        fields = ["title", "dated", "level", "change", "stage"]
        widgets = {"dated": DATE}
        labels = {
            "title": _("Policy"),
            "dated": _("Dated"),
            "level": _("Level"),
            "change": _("Developed or modified"),
            "stage": _("Stage"),
        }


class FundingForm(_OfPartnership):
    participant_fields = ("funder",)
    currency = CurrencyField(label=_("Currency"))

    class Meta:
        model = FundingFlow
        fields = ["title", "funder", "amount", "currency", "purpose", "dated"]
        widgets = {"dated": DATE}
        labels = {
            "title": _("What it paid for"),
            "funder": _("Funder"),
            "amount": _("Amount"),
            "purpose": _("Purpose"),
            "dated": _("Received on"),
        }


RESULT_FORMS = {
    "activity": ActivityForm,
    "technology": TechnologyForm,
    "publication": PublicationForm,
    "policy": PolicyForm,
    "funding": FundingForm,
}


class ExchangeRateForm(forms.ModelForm):
    currency = CurrencyField(label=_("Currency"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "valid_from", "per_reporting_unit", "source"]
        widgets = {"valid_from": DATE}
        labels = {
            "valid_from": _("In force from"),
            "per_reporting_unit": _("Units for one US dollar"),
            "source": _("Source"),
        }


class FieldReportForm(forms.Form):
    """An activity as a phone records it without a connection: fields named, and
    choices valued, as the API takes them (codes, not row numbers), for the
    page's script sends the report there once the connection returns."""

    title = forms.CharField(label=_("Title"), max_length=200)
    modality = forms.ModelChoiceField(
        label=_("Kind of activity"),
        queryset=Modality.objects.all(),
        to_field_name="code",
    )
    delivery = forms.ChoiceField(label=_("Delivered"), choices=Delivery.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    languages = languages_field()
    people_reached = forms.IntegerField(
        label=_("People reached"), min_value=0, initial=0
    )
