"""Forms of calls: the list's filters, and a call with its criteria."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import CurrencyField
from mutua.core.text import search_terms
from mutua.directory.forms import QUERY_LENGTH
from mutua.directory.forms import region_field
from mutua.directory.selectors import region_choices

from . import selectors
from .models import Call
from .services import MAX_CRITERIA
from .services import criteria_from

# The browser's own date-and-time picker; the time is read in the reader's zone.
WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CallFilterForm(forms.Form):
    q = forms.CharField(label=_("Search calls"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Call.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Every status")),
            *[c for c in Call.Status.choices if c[0] != Call.Status.DRAFT],
        ],
    )
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]

    def filters(self) -> selectors.CallFilters:
        """The valid filters; an unknown value is dropped, never fatal."""
        self.is_valid()
        data = self.cleaned_data
        return selectors.CallFilters(
            query=" ".join(search_terms((data.get("q") or "")[:QUERY_LENGTH])),
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            region=data.get("region") or "",
        )


class CallForm(forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(label=_("Kind"), choices=Call.Kind.choices)
    region = region_field(
        label=_("Scope"),
        required=False,
        empty_label=_("Global"),
        help_text=_("A region or subregion, or global."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is sought, who may apply, and how the selection runs."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=WHEN)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=WHEN)
    scale = forms.IntegerField(
        label=_("Score scale"),
        min_value=1,
        max_value=100,
        initial=10,
        help_text=_("Each criterion is scored from 0 to this number."),
    )
    shortlist_size = forms.IntegerField(
        label=_("Shortlist size"), min_value=1, max_value=50, initial=3
    )
    budget = forms.DecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = CurrencyField(label=_("Currency"), required=False)
    grant_cap = forms.DecimalField(
        label=_("Most per grant"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    approval_threshold = forms.IntegerField(
        label=_("Approval threshold"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("The lowest weighted score, out of 100, that a grant needs."),
    )
    needs_two_countries = forms.BooleanField(
        label=_("Partners from at least two countries"), required=False, initial=True
    )
    needs_platform_partnership = forms.BooleanField(
        label=_("Partners who met through a match or partnership on Mutua"),
        required=False,
        initial=True,
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=300, required=False)
    guidance = forms.CharField(
        label=_("Guidance"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    weight = forms.IntegerField(
        label=_("Weight"), min_value=0, max_value=100, required=False
    )


class BaseCriteriaFormSet(forms.BaseFormSet):
    def clean(self):
        """The service's rules for criteria, shown above the rows."""
        if any(self.errors):
            return
        try:
            criteria_from([row for row in self.cleaned_data if row])
        except ValidationError as error:
            raise ValidationError(error.message_dict["criteria"]) from error


CriteriaFormSet = forms.formset_factory(
    CriterionForm,
    formset=BaseCriteriaFormSet,
    extra=2,
    max_num=MAX_CRITERIA,
    validate_max=True,
)
