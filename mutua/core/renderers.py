"""The form renderer: Django's, but lists of choices render in one template.

Django renders each `<option>` and each checkbox of a list through templates of
its own, several per choice. A form with the countries and the languages of the
world then renders over a thousand templates, which made such pages the slowest
we serve. These templates write the very same markup with the choices in a loop.
"""

from django.forms.renderers import DjangoTemplates

CHOICE_LISTS = {
    "django/forms/widgets/select.html": "core/widgets/select.html",
    "django/forms/widgets/checkbox_select.html": "core/widgets/choices.html",
    "django/forms/widgets/radio.html": "core/widgets/choices.html",
}


class FormRenderer(DjangoTemplates):
    def get_template(self, template_name):
        return super().get_template(CHOICE_LISTS.get(template_name, template_name))
