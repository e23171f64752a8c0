"""Forms of calls: the list's filters, and a call with its criteria."""

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mutua.cooperation.forms import OrganizationField
from mutua.cooperation.models import Partnership
from mutua.core.currencies import CurrencyField
from mutua.core.text import search_terms
from mutua.directory.forms import QUERY_LENGTH
from mutua.directory.forms import region_field
from mutua.directory.models import Organization
from mutua.directory.selectors import organizations_of_user
from mutua.directory.selectors import region_choices

from . import selectors
from .models import Call
from .services.calls import MAX_CRITERIA
from .services.calls import criteria_from

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


class ApplicationForm(forms.Form):
    """An application to one call: its fields, then an answer per criterion."""

    required_css_class = "required"

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        to_field_name="uuid",
        error_messages={"invalid_choice": _("Choose one of your organizations.")},
    )
    region = region_field(
        label=_("Region or subregion you would serve"), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Expression of interest"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who you are, what you offer, and why you."),
    )
    amount = forms.DecimalField(
        label=_("Amount asked"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    partnership = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=Partnership.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text=_("The partnership on Mutua whose partners apply together."),
        error_messages={"invalid_choice": _("Choose one of your partnerships.")},
    )

    def __init__(self, *args, call: Call, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["organization"].queryset = organizations_of_user(user)
        if call.kind == Call.Kind.GRANT:
            self.fields["amount"].label = _("Amount asked (%(currency)s)") % {
                "currency": call.currency
            }
            self.fields["partnership"].queryset = selectors.partnerships_of(user)
        else:
            del self.fields["amount"], self.fields["partnership"]
        for criterion in call.criteria.all():
            self.fields[f"answer_{criterion.position}"] = forms.CharField(
                label=criterion.name,
                help_text=criterion.guidance,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def fields_and_answers(self) -> tuple[dict, dict[int, str]]:
        """The application's fields, and its answers by criterion position."""
        fields, answers = {}, {}
        for name, value in self.cleaned_data.items():
            if name.startswith("answer_"):
                answers[int(name.removeprefix("answer_"))] = value
            else:
                fields[name] = value
        return fields, answers


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, DOCX, XLSX or ODT, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt"}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Asked privately. The answer is published for every applicant, with "
            "the question but never your name."
        ),
    )


class AnswerForm(forms.Form):
    published_text = forms.CharField(
        label=_("The question as published"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Reword it so that it does not tell who asked."),
    )
    answer = forms.CharField(
        label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class PanelInviteForm(forms.Form):
    member = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        help_text=_("The advisory-group member's account on Mutua."),
    )

    def clean_member(self):
        """The account named, or None: the service says that none has this name."""
        name = self.cleaned_data["member"].strip()
        return (
            User.objects.filter(username=name).first()
            or User.objects.filter(email__iexact=name).order_by("pk").first()
        )


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[
            ("no", _("I have no conflict of interest with this application")),
            ("yes", _("I have a conflict of interest with this application")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the conflict is"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreSheetForm(forms.Form):
    """A score and a comment for each criterion of the call."""

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in call.criteria.all():
            n = criterion.position
            self.fields[f"score_{n}"] = forms.IntegerField(
                label=_("%(criterion)s: score from 0 to %(scale)d")
                % {"criterion": criterion.name, "scale": call.scale},
                required=False,
                min_value=0,
                max_value=call.scale,
            )
            self.fields[f"comment_{n}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def scores(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        positions = {int(n.split("_")[1]) for n in self.fields}
        return {
            n: (data.get(f"score_{n}"), data.get(f"comment_{n}", "")) for n in positions
        }


class SelectionForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this applicant: it is published with the selection."),
    )
    consulted_input = forms.CharField(
        label=_("Input of the body consulted"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As received, for example from the bureau of the subsidiary body."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgreementForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("The signed agreement"),
        help_text=_("PDF, DOCX, XLSX or ODT, at most 10 MB."),
    )


class PledgeForm(forms.Form):
    donor = OrganizationField(label=_("Donor"))
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = CurrencyField(label=_("Currency"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppointForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member of the host"),
        queryset=User.objects.none(),
        to_field_name="username",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = organization.members.order_by("username")
