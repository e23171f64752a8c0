"""One way for a page to call a service with a form, and show what it refused."""

from django import forms

from mutua.core.errors import ValidationError
from mutua.core.forms import run_service


class NameForm(forms.Form):
    name = forms.CharField()


def test_the_service_gets_the_valid_data_and_its_answer_is_returned():
    assert run_service(NameForm({"name": "Lake Malawi"}), lambda d: d["name"]) == (
        "Lake Malawi"
    )


def test_an_invalid_or_unbound_form_never_reaches_the_service():
    def never(data):
        raise AssertionError("called")

    assert run_service(NameForm({"name": ""}), never) is None
    assert run_service(NameForm(), never) is None


def test_a_refusal_shows_beside_its_field_or_above_the_form_named():
    form = NameForm({"name": "Lake Malawi"})

    def refuse(data):
        raise ValidationError(
            {"name": "Taken.", "budget_currency": "Unknown.", "__all__": "No."}
        )

    assert run_service(form, refuse) is None
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["budget currency: Unknown.", "No."]
