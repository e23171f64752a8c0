"""The panel (¶47 a iii): members declare conflicts before they open an
application, score each criterion on the call's scale with a comment, see the
others' scores only after submitting their own; the overview computes weighted
totals, spreads, disagreement and what is missing."""

import pytest
from django.test import Client
from django.urls import reverse

from mutua.calls import selectors
from mutua.calls.models import Declaration
from mutua.calls.models import PanelMember
from mutua.calls.models import ScoreSheet
from mutua.calls.services import panel
from mutua.core.errors import Conflict
from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError
from mutua.testing.calls import call_in_assessment
from mutua.testing.calls import scored
from mutua.testing.calls import scores_of
from mutua.testing.http import text

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_seats_a_member_by_name_or_address(people):
    call, _application = call_in_assessment(people)
    client = _client(people.secretariat)
    url = reverse("calls:panel", args=[call.uuid])
    response = client.post(url, {"member": "nobody@example.org"})
    assert response.status_code == 400
    assert "member" in response.context["form"].errors
    client.post(url, {"member": people.focal_point.email.upper()})
    assert call.panel.filter(user=people.focal_point).exists()
    response = client.post(url, {"member": "focal"})
    assert "already" in response.context["form"].errors["member"][0]
    assert PanelMember.objects.filter(call=call).count() == 3


def test_a_member_declares_scores_and_then_sees_the_others(people):
    call, application = call_in_assessment(people)
    provider = _client(people.provider)
    score_url = reverse("calls:score", args=[application.uuid])
    declare_url = reverse("calls:declare", args=[application.uuid])
    assert provider.get(score_url)["Location"] == declare_url  # declare first
    assert provider.get(application.get_absolute_url()).status_code == 404
    assert "Declare your interests" in text(provider.get(reverse("calls:assess")))
    response = provider.post(declare_url, {"conflict": "no"})
    assert response["Location"] == score_url
    assert provider.get(application.get_absolute_url()).status_code == 200

    scored(people, application, people.outsider, 9)
    page = text(provider.get(score_url))
    assert "Every assessor" not in page and "As the answers show." not in page
    sheet = {"score_1": 7, "comment_1": "Strong networks."}
    provider.post(score_url, sheet | {"save": ""})
    saved = ScoreSheet.objects.get(assessor=people.provider)
    assert saved.submitted_at is None and saved.scores.get().value == 7
    response = provider.post(score_url, sheet | {"submit": ""})
    assert response.status_code == 400  # every criterion, to submit
    assert "score_2" in response.context["form"].errors
    full = {}
    for n in range(1, 5):
        full |= {f"score_{n}": 7, f"comment_{n}": f"Reason {n}."}
    provider.post(score_url, full | {"submit": ""})
    saved.refresh_from_db()
    assert saved.submitted_at is not None
    page = text(provider.get(score_url))
    assert "Every assessor" in page and "As the answers show." in page
    with pytest.raises(TransitionError):
        panel.sheet_save(
            application=application,
            by=people.provider,
            scores=scores_of(call, 1),
            submit=True,
        )


def test_a_member_with_a_conflict_never_scores_nor_opens(people):
    call, application = call_in_assessment(people)
    with pytest.raises(ValidationError) as refused:
        panel.declare(application=application, by=people.provider, conflict=True)
    assert "note" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        panel.declare(
            application=application, by=people.provider, conflict=True, note="x" * 2001
        )
    assert "note" in refused.value.message_dict
    panel.declare(
        application=application,
        by=people.provider,
        conflict=True,
        note="I advise the NGO's board.",
    )
    with pytest.raises(Conflict):
        panel.declare(application=application, by=people.provider, conflict=False)
    with pytest.raises(PermissionDenied):
        panel.sheet_save(
            application=application, by=people.provider, scores=scores_of(call, 5)
        )
    client = _client(people.provider)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("calls:score", args=[application.uuid])).status_code == 403
    )
    assert "not yours to score" in text(client.get(reverse("calls:assess")))
    assert Declaration.objects.get(assessor=people.provider).conflict


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ({1: (11, "Too high.")}, "score_1"),
        ({1: (-1, "Below zero.")}, "score_1"),
        ({1: (5, " ")}, "comment_1"),
        ({1: (5, "x" * 2001)}, "comment_1"),
        ({9: (5, "No such criterion.")}, "scores"),
    ],
)
def test_scores_outside_the_scale_or_without_a_comment_are_refused(
    people, scores, field
):
    call, application = call_in_assessment(people)
    panel.declare(application=application, by=people.provider, conflict=False)
    with pytest.raises(ValidationError) as refused:
        panel.sheet_save(
            application=application,
            by=people.provider,
            scores=scores_of(call, 5) | scores,
            submit=True,
        )
    assert field in refused.value.message_dict
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


def test_only_the_panel_of_a_call_under_assessment_declares(people):
    call, application = call_in_assessment(people)
    for who in (people.member, people.focal_point, people.coordinator):
        with pytest.raises(PermissionDenied):
            panel.declare(application=application, by=who, conflict=False)
    url = reverse("calls:declare", args=[application.uuid])
    assert _client(people.focal_point).get(url).status_code == 404
    assert _client(people.provider).get(url).status_code == 200


def test_the_overview_weighs_spreads_flags_and_names_what_is_missing(people):
    call, application = call_in_assessment(people)
    panel.panel_invite(call=call, by=people.secretariat, member=people.focal_point)
    scored(people, application, people.provider, 9)  # 90.0
    scored(people, application, people.outsider, 6)  # 60.0: more than 30 % apart
    [row] = selectors.assessment_overview(call)
    assert sorted(s.total for s in row.sheets) == [60.0, 90.0]
    assert row.mean == 75.0 and row.diverges
    assert {s.difference for s in row.spread.values()} == {3}
    assert row.missing == ["focal"] and row.conflicts == []
    page = text(
        _client(people.secretariat).get(reverse("calls:panel", args=[call.uuid]))
    )
    assert "assessors disagree" in page and "75.0" in page


def test_nobody_but_those_who_run_the_call_sees_the_assessment(people):
    call, application = call_in_assessment(people)
    scored(people, application, people.outsider, 9)
    url = reverse("calls:panel", args=[call.uuid])
    for who, status in (
        (people.member, 403),
        (people.provider, 403),
        (people.outsider, 403),
        (people.coordinator, 200),
        (people.secretariat, 200),
    ):
        assert _client(who).get(url).status_code == status, who
    page = text(_client(people.member).get(application.get_absolute_url()))
    assert "As the answers show." not in page


def test_a_closed_assessment_takes_no_more_scores(people):
    call, application = call_in_assessment(people)
    panel.declare(application=application, by=people.provider, conflict=False)
    client = _client(people.secretariat)
    url = reverse("calls:assessment_close", args=[call.uuid])
    assert client.get(url).status_code == 200
    client.post(url)
    call.refresh_from_db()
    assert call.assessment_closed_at is not None
    with pytest.raises(PermissionDenied):
        panel.sheet_save(
            application=application, by=people.provider, scores=scores_of(call, 5)
        )
    with pytest.raises(TransitionError):
        panel.assessment_close(call=call, by=people.secretariat)
