"""Forms of matching."""

from dataclasses import fields

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine.data import Weights

LABELS = {
    "text": _("Closeness in wording"),
    "targets": _("Shared GBF targets"),
    "modalities": _("Shared modalities"),
    "resources": _("Shared resource types"),
    "language": _("A common language"),
    "subregion": _("Provider in the same subregion"),
    "region": _("Provider in the same region"),
    "serves": _("Offer names the requester's country or area"),
    "worked_there": _("Provider has worked in the country or area"),
    "south_south": _("South-South cooperation"),
    "triangular": _("Triangular cooperation"),
    "track_record": _("Provider's track record"),
}


class SettingsForm(forms.Form):
    """One number a part of the fit, and the priority of LDC and SIDS requests."""

    priority = forms.FloatField(
        label=_("Priority of LDC and SIDS requests in allocation rounds"),
        min_value=0,
        max_value=10,
        help_text=_("0: none; 0.5: their fit counts half as much again."),
    )

    answer_days = forms.IntegerField(
        label=_("Days each side has to answer a match proposal"),
        min_value=1,
        max_value=90,
    )
    escalate_after_days = forms.IntegerField(
        label=_("Days a published request may wait for an accepted match"),
        min_value=7,
        max_value=365,
        help_text=_("Then it goes on its region's coordinators' queue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in fields(Weights):
            self.fields[field.name] = forms.FloatField(
                label=LABELS[field.name], min_value=0, max_value=100
            )

    def weights(self) -> dict[str, float]:
        return {f.name: self.cleaned_data[f.name] for f in fields(Weights)}
