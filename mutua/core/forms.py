"""Forms that call a service, and edit forms that carry the values they show
(see `core.edits`)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import QueryDict

from .errors import Conflict


class CarriesShownValues(forms.BaseForm):
    """An edit form whose page carries the values it shows, so that saving sends
    only the fields the user changed, with the values the user saw (`seen`)."""

    # Inputs whose value a form's clean() folds into another field.
    parts: dict[str, str] = {}

    def carry_shown_values(self) -> None:
        for field in self.fields.values():
            field.show_hidden_initial = True

    def shown_value(self, name: str):
        """The value of a field as the page showed it, cleaned as the field cleans."""
        bound = self[name]
        raw = bound.field.widget.value_from_datadict(
            self.data, self.files, bound.html_initial_name
        )
        return bound.field.clean(raw)

    def edits(self) -> tuple[dict, dict]:
        """The fields the user changed, and their values as the page showed them."""
        changed = {self.parts.get(name, name) for name in self.changed_data}
        fields = {n: self.cleaned_data[n] for n in changed if n in self.cleaned_data}
        if not any(key.startswith("initial-") for key in self.data):
            return fields, {}  # posted by a client that shows no values
        seen = {}
        for name in fields:
            try:
                seen[name] = self.shown_value(name)
            except ValidationError:
                pass  # not a value this form offers now: nothing to compare
        return fields, seen

    def show_stored(self, error: ValidationError) -> None:
        """After a conflict, carry the stored values: saving again replaces them."""
        if not isinstance(error, Conflict) or not hasattr(error, "error_dict"):
            return
        self.data = self.data.copy()
        for name, errors in error.error_dict.items():
            if name not in self.fields or errors[0].code != "stale":
                continue
            value = self.fields[name].prepare_value(errors[0].params["stored"])
            values = value if isinstance(value, list) else [value]
            self.data.setlist(
                self[name].html_initial_name,
                ["" if v is None else str(v) for v in values],
            )


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names
    where the form has that field, above the form otherwise (named there)."""
    if isinstance(form, CarriesShownValues):
        form.show_stored(error)
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            elif field == NON_FIELD_ERRORS:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{field.replace('_', ' ')}: {message}")


def posted(request: HttpRequest) -> QueryDict | None:
    """What a form page's request sent: its POST data, or None for a GET, so that
    a form built with it is bound only when sent."""
    return request.POST if request.method == "POST" else None


def run_service(form: forms.BaseForm, action: Callable[[dict], Any]) -> Any:
    """Call a service with a valid form's data: its answer (the record it wrote),
    or None when the form is not valid or the service refused the input, whose
    errors the form then shows."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
