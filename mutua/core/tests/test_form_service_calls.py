"""One way for a page to call a service with a form, and show what it refused;
one way to confirm an action before taking it."""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from mutua.core.errors import ValidationError
from mutua.core.forms import run_service
from mutua.core.responses import confirm_page
from mutua.core.responses import form_page
from mutua.core.responses import form_status


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


def test_a_page_answers_400_only_when_one_of_its_forms_or_formsets_refused():
    names = forms.formset_factory(NameForm, extra=0)
    rows = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    valid = names(rows | {"form-0-name": "Malawi", "form-1-name": "Chilwa"})
    one_bad = names(rows | {"form-0-name": "Malawi", "form-1-name": ""})
    assert form_status(NameForm(), names()) == 200
    assert form_status(NameForm({"name": "Malawi"}), valid) == 200
    assert form_status(NameForm({"name": ""}), valid) == 400
    assert form_status(NameForm({"name": "Malawi"}), one_bad) == 400


def _request(method: str, data: dict | None = None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[str]:
    return [str(m) for m in request._messages]


def test_a_form_page_goes_on_once_the_service_wrote_and_says_so(db):
    request = _request("post", {"name": "Lake Malawi"})
    response = form_page(
        request,
        NameForm(request.POST),
        lambda data: data["name"],
        done="Saved.",
        template="core/confirm.html",
        context={},
        back="/lakes/",
    )
    assert (response.status_code, response["Location"]) == (302, "/lakes/")
    assert _said(request) == ["Saved."]


def test_a_form_page_shows_the_form_again_with_what_the_service_refused(db):
    def refuse(data):
        raise ValidationError({"name": "Taken."})

    request = _request("post", {"name": "Lake Malawi"})
    form = NameForm(request.POST)
    response = form_page(
        request, form, refuse, done="Saved.", template="core/confirm.html", context={}
    )
    assert response.status_code == 400
    assert form.errors["name"] == ["Taken."]
    assert _said(request) == []


def _confirm(request, action):
    return confirm_page(
        request,
        title="Drain the lake?",
        question="It cannot be filled again.",
        button="Drain it",
        action=action,
        done="Drained.",
        back="/lakes/",
    )


def test_a_confirmation_page_asks_first_and_cancelling_goes_back(db):
    def never():
        raise AssertionError("called")

    response = _confirm(_request("get"), never)
    assert response.status_code == 200
    assert b"Drain the lake?" in response.content
    assert b'href="/lakes/"' in response.content


def test_once_confirmed_the_action_is_taken_or_its_refusal_said(db):
    taken = []
    request = _request("post")
    response = _confirm(request, lambda: taken.append(True))
    assert (response.status_code, response["Location"], taken) == (
        302,
        "/lakes/",
        [True],
    )
    assert _said(request) == ["Drained."]

    def refuse():
        raise ValidationError("The lake is dry already.")

    request = _request("post")
    assert _confirm(request, refuse).status_code == 302
    assert _said(request) == ["The lake is dry already."]
