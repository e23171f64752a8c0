"""Our form renderer writes lists of choices in one template each: the markup must
be Django's own, to the byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from mutua.core.renderers import CHOICE_LISTS
from mutua.core.renderers import FormRenderer

CHOICES = [("a", "Alpha"), ("b", "Beta & <b>"), ("Group", [("c", "Gamma"), ("", "—")])]


class Every(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, initial="b")
    many = forms.MultipleChoiceField(choices=CHOICES, initial=["a", "c"])
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, initial=["c"]
    )
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, initial="a")
    plain = forms.ChoiceField(
        choices=CHOICES[:2], widget=forms.RadioSelect(attrs={"class": "inline"})
    )


@pytest.mark.parametrize("field", ["one", "many", "boxes", "radio", "plain"])
@pytest.mark.parametrize("bound", [False, True])
def test_each_list_of_choices_renders_as_django_renders_it(field, bound):
    data = {"one": "a", "many": ["b"], "boxes": ["a", "c"], "radio": "zz"}
    django_form = Every(data if bound else None, renderer=DjangoTemplates())
    our_form = Every(data if bound else None, renderer=FormRenderer())
    assert str(our_form[field]) == str(django_form[field])


def test_the_renderer_is_the_one_every_form_uses(settings):
    assert settings.FORM_RENDERER == "mutua.core.renderers.FormRenderer"
    for django_name, ours in CHOICE_LISTS.items():
        template = FormRenderer().get_template(django_name)
        assert template.template.origin.template_name == ours
