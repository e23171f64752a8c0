"""The form of a user's notification choices."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Delivery
from .models import Kind


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        choices=[("", _("The site's language"))] + list(settings.LANGUAGES),
        required=False,
        label=_("The language Mutua writes to you in"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                choices=Delivery.choices, label=kind.label, widget=forms.RadioSelect
            )

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in Kind}
