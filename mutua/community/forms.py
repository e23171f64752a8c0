"""Forms of the helpdesk and of discussions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mutua.directory.forms import region_field
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Organization
from mutua.exchange.models import IplcLands

from .models import Space
from .models.discussions import POST_LENGTH


class QuestionForm(forms.Form):
    country = forms.ModelChoiceField(
        Country.objects.order_by("name"),
        to_field_name="iso3",
        label=_("The country that needs help"),
    )
    organization = forms.ModelChoiceField(
        Organization.objects.none(),
        required=False,
        label=_("On behalf of"),
        empty_label=_("Nobody but myself"),
    )
    subject = forms.CharField(max_length=200, label=_("In a few words"))
    message = forms.CharField(
        max_length=5000,
        widget=forms.Textarea,
        label=_("What you need, and what you have tried"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            members=user
        ).order_by("name")


class ReplyForm(forms.Form):
    message = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Your reply"),
    )


class ConvertForm(forms.Form):
    """What a coordinator must answer to turn a question into a request."""

    touches_iplc_lands = forms.ChoiceField(
        choices=IplcLands.choices,
        widget=forms.RadioSelect,
        label=_(
            "Does the need touch sacred sites or lands and waters traditionally "
            "occupied by indigenous peoples and local communities?"
        ),
        error_messages={"required": _("Answer yes, no or not known.")},
    )


# Discussions ---------------------------------------------------------------------

MARKDOWN_HELP = _(
    "Markdown: **bold**, _italic_, > quote, - list, [link](https://…). No HTML."
)


class SpaceForm(forms.Form):
    kind = forms.ChoiceField(choices=Space.Kind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("Title"))
    description = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("What it is for"),
    )
    region = region_field(label=_("Region"), required=False)
    target = forms.ModelChoiceField(
        GbfTarget.objects.all(),
        to_field_name="number",
        required=False,
        label=_("GBF target"),
    )


class PostForm(forms.Form):
    text = forms.CharField(
        max_length=POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Your post"),
        help_text=MARKDOWN_HELP,
    )


class ThreadForm(PostForm):
    title = forms.CharField(max_length=200, label=_("Title"))
    field_order = ["title", "text"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reason"),
    )
