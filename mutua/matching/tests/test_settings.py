"""The secretariat tunes the engine's weights; nobody else may."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mutua.matching.engine.data import PARTS
from mutua.matching.models import MatchingSettings
from mutua.matching.ranking import refresh_all_suggestions
from mutua.matching.selectors import engine_data as selectors

pytestmark = pytest.mark.django_db
URL = reverse("matching:settings")


def form(**changes) -> dict:
    return {
        **dict.fromkeys(PARTS, "1"),
        "priority": "0.5",
        "answer_days": "14",
        "escalate_after_days": "60",
        **changes,
    }


def test_the_secretariat_changes_the_weights_and_suggestions_follow(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.secretariat)
    assert "Closeness in wording" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            form(text="7.5", priority="2", answer_days="10", escalate_after_days="90"),
            follow=True,
        )
    assert "Saved." in response.content.decode()
    assert selectors.weights().text == 7.5 and selectors.weights().targets == 1.0
    assert MatchingSettings.objects.get().priority == 2.0
    windows = selectors.response_windows()
    assert (windows.answer_days, windows.escalate_after_days) == (10, 90)
    assert DBTaskResult.objects.filter(
        task_path=refresh_all_suggestions.module_path
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "-1"}, "greater than or equal to 0"),
        ({"text": "101"}, "less than or equal to 100"),
        ({"text": "lots"}, "Enter a number"),
        ({"targets": ""}, "This field is required"),
        ({"priority": "11"}, "less than or equal to 10"),
        ({"answer_days": "0"}, "greater than or equal to 1"),
        ({"answer_days": "91"}, "less than or equal to 90"),
        ({"escalate_after_days": "6"}, "greater than or equal to 7"),
        ({"escalate_after_days": "soon"}, "Enter a whole number"),
    ],
)
def test_bad_weights_are_refused_with_the_field_named(client, people, changes, message):
    client.force_login(people.secretariat)
    response = client.post(URL, form(**changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not MatchingSettings.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "coordinator", "focal_point", "provider"])
def test_nobody_else_may_change_them(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(text="9")).status_code == 403
    assert not MatchingSettings.objects.exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
