"""The Theory of Change: a diagram with its indicators, kept by the secretariat."""

import pytest

from mutua.monitoring.models import ChangeStep
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
