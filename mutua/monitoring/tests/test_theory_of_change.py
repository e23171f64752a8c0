"""The Theory of Change: a diagram with its indicators, kept by the secretariat."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from mutua.monitoring.models import ChangeStep
from mutua.monitoring.services import SHIPPED
from mutua.monitoring.services import load_theory_of_change

pytestmark = pytest.mark.django_db


def test_the_theory_of_change_is_a_diagram_with_its_indicators(client, reference):
    load_theory_of_change()
    assert load_theory_of_change() == 0  # never overwrites what is kept
    body = client.get("/monitoring/theory-of-change/").content.decode()
    assert "<svg" in body and "Target 19.2" in body
    assert "/monitoring/indicators/P38-a/" in body


def test_only_the_secretariat_edits_the_theory_of_change(client, people):
    step = ChangeStep.objects.create(level="inputs", text="Money")
    for user in (people.coordinator, people.outsider):
        client.force_login(user)
        assert client.get("/monitoring/theory-of-change/steps/").status_code == 403
        assert (
            client.post(
                f"/monitoring/theory-of-change/steps/{step.pk}/delete/"
            ).status_code
            == 403
        )
    client.force_login(people.secretariat)
    response = client.post(
        "/monitoring/theory-of-change/steps/",
        {"level": "outputs", "text": "Communities of practice", "position": 5},
    )
    assert response.status_code == 302
    bad = client.post(
        "/monitoring/theory-of-change/steps/",
        {"level": "wishes", "text": "", "position": -1},
    )
    assert bad.status_code == 400 and ChangeStep.objects.count() == 2
    client.post(
        f"/monitoring/theory-of-change/steps/{step.pk}/",
        {"level": "inputs", "text": "Adequate money", "position": 0},
    )
    step.refresh_from_db()
    assert step.text == "Adequate money"
    assert (
        "Remove"
        in client.get(
            f"/monitoring/theory-of-change/steps/{step.pk}/delete/"
        ).content.decode()
    )
    client.post(f"/monitoring/theory-of-change/steps/{step.pk}/delete/")
    assert not ChangeStep.objects.filter(pk=step.pk).exists()


def test_the_shipped_steps_read_in_every_language_until_rewritten(client, people):
    load_theory_of_change()
    shipped = json.loads(SHIPPED.read_text())["steps"]
    languages = [code for code, _ in settings.LANGUAGES if code != "en"]
    for step in shipped:
        assert sorted(step["texts"]) == sorted(languages), step["text"]
        # The paragraphs a step cites stay cited in every language.
        cited = re.findall(r"¶\d+", step["text"])
        for text in step["texts"].values():
            assert text and re.findall(r"¶\d+", text) == cited, text
    first = ChangeStep.objects.get(text=shipped[0]["text"])
    with translation.override("ar"):
        assert str(first) == shipped[0]["texts"]["ar"]
    arabic = client.get(
        "/monitoring/theory-of-change/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert shipped[0]["texts"]["ar"] in arabic

    client.force_login(people.secretariat)
    client.post(
        f"/monitoring/theory-of-change/steps/{first.pk}/",
        {
            "level": first.level,
            "text": "Adequate and predictable finance",
            "position": 0,
        },
    )
    first.refresh_from_db()
    assert first.texts == {}
    with translation.override("ar"):
        assert str(first) == "Adequate and predictable finance"
    # A database whose steps were loaded before they had translations gets them,
    # but loading again does not put the old wording's back on a rewritten step.
    second = ChangeStep.objects.get(text=shipped[1]["text"])
    ChangeStep.objects.filter(pk=second.pk).update(texts={})
    load_theory_of_change()
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.texts == shipped[1]["texts"] and first.texts == {}
