"""Forms of monitoring: the dashboard's filters and the Theory of Change's steps."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutua.directory.forms import region_field
from mutua.directory.models import GbfTarget

from .models import ChangeStep
from .selectors import GROUPS
from .selectors import Scope

FIRST_YEAR = 2000


class ScopeForm(forms.Form):
    """Which year, place and target the indicators are computed for."""

    year = forms.IntegerField(label=_("Year"), required=False)
    region = region_field(
        label=_("Region"), required=False, empty_label=_("All regions")
    )
    group = forms.ChoiceField(
        label=_("Country group"),
        required=False,
        choices=[("", _("All countries"))]
        + [(k, label) for k, (label, _q) in GROUPS.items()],
    )
    target = forms.TypedChoiceField(
        label=_("GBF target"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("All targets"))] + [
            (t.number, str(t)) for t in GbfTarget.objects.all()
        ]

    def clean_year(self) -> int:
        this_year = timezone.localdate().year
        year = self.cleaned_data["year"] or this_year
        if not FIRST_YEAR <= year <= this_year + 1:
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year + 1}
            )
        return year

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope.year(
            data["year"],
            region=data["region"],
            group=data["group"],
            target=data["target"],
        )


class ChangeStepForm(forms.ModelForm):
    class Meta:
        model = ChangeStep
        fields = ["level", "text", "position"]
        labels = {"level": _("Level"), "text": _("Text"), "position": _("Position")}
