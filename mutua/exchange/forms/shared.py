"""What the forms of every record share: their base form, fields and widgets.

Forms only check input and limit choices to what the user may submit for; the
services decide and write. `sections` groups fields as the Bio-Bridge request
form does, for the form and the detail page alike.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutua.core.forms import CarriesShownValues
from mutua.directory.access import Actor
from mutua.directory.models import GbfTarget

# The labels of the fields every record has.
RECORD_LABELS = {
    "title": _("Title"),
    "contact_name": _("Contact person"),
    "contact_email": _("Contact e-mail"),
    "modalities": _("Modalities"),
    "languages": _("Languages"),
}


def section_fields(sections: list[tuple[str, list[str]]]) -> list[str]:
    """The names of the fields a form's sections hold, in their order."""
    return [name for _legend, names in sections for name in names]


class TargetsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: GbfTarget) -> str:
        return _("Target %(number)s — %(title)s") % {
            "number": obj.number,
            "title": obj.short_title,
        }


def targets_field() -> TargetsField:
    return TargetsField(
        GbfTarget.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("GBF targets"),
        help_text=_("The Kunming-Montreal Global Biodiversity Framework targets."),
    )


def choices_field(choices, label, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        help_text=help_text,
    )


def date_input() -> forms.DateInput:
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


def formfield_for(model_field, **kwargs) -> forms.Field | None:
    """Checkboxes for every many-to-many field, date pickers, short text areas."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    elif isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", date_input())
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
