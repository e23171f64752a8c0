"""The request form offers the requester's languages and the UN's first, the rest typed."""

import re

import pytest

from mutua.directory.models import Language
from mutua.exchange.models import Request
from mutua.testing.builders import request_form_data

pytestmark = pytest.mark.django_db


def ticked_names(body: str) -> list[str]:
    """The language checkboxes' labels, in the order the page shows them."""
    return re.findall(r'name="languages" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', body)


def test_malawians_see_their_languages_then_the_un_languages(client, people):
    client.force_login(people.focal_point)
    body = client.get("/requests/new/").content.decode()
    assert ticked_names(body) == [
        "Chichewa",
        "English",
        "Arabic",
        "Chinese",
        "French",
        "Russian",
        "Spanish",
    ]
    assert '<option value="Swahili"></option>' in body
    assert 'list="id_other_languages-options"' in body
    assert "Castilian" not in body and "Nyanja" not in body


def test_the_secretariat_sees_the_un_languages_first(client, people):
    client.force_login(people.secretariat)
    body = client.get("/requests/new/").content.decode()
    assert ticked_names(body) == [
        "Arabic",
        "Chinese",
        "English",
        "French",
        "Russian",
        "Spanish",
    ]


def test_other_languages_are_typed_by_name_or_code(client, people):
    client.force_login(people.member)
    english = Language.objects.get(code="en")
    data = request_form_data(
        people, languages=[english.pk], other_languages="swahili,  Zulu, pt"
    )
    response = client.post("/requests/new/", data)
    assert response.status_code == 302
    request = Request.objects.get()
    codes = set(request.languages.values_list("code", flat=True))
    assert codes == {"en", "sw", "zu", "pt"}
    edit = client.get(f"{request.get_absolute_url()}edit/").content.decode()
    assert 'value="Portuguese, Swahili, Zulu"' in edit


def test_an_unknown_language_is_refused_by_field(client, people):
    client.force_login(people.member)
    data = request_form_data(people, other_languages="Swahili, Klingon")
    body = client.post("/requests/new/", data).content.decode()
    assert "Other languages: Choose languages from the list; not known: Klingon." in (
        body
    )
    assert not Request.objects.exists()
