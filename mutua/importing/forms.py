"""The import page's form: the file, what it holds, and whether to publish."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
KIND_LABELS = {
    "organizations": _("Organizations"),
    "requests": _("Requests"),
    "offers": _("Offers"),
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("", _("Tell from the header row")), *KIND_LABELS.items()],
        required=False,
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 5 MB and 5,000 rows. CSV files in UTF-8."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the offers and submit the requests once imported"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB: split it into smaller files.")
            )
        return upload
