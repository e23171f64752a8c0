"""Suggestions: queued when either side changes, computed by a background job,
and shown with their reasons in the reader's language."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mutua.directory.models import Language
from mutua.exchange.services.listings import listing_transition
from mutua.exchange.services.listings import listing_update
from mutua.exchange.services.requests import request_transition
from mutua.matching import ranking
from mutua.matching.models import Suggestion
from mutua.matching.ranking import refresh_all_suggestions
from mutua.matching.ranking import refresh_suggestions
from mutua.testing.builders import published_offer
from mutua.testing.builders import published_request
from mutua.testing.matching import page

pytestmark = pytest.mark.django_db


def run(job: DBTaskResult):
    task = {t.module_path: t for t in (refresh_suggestions, refresh_all_suggestions)}
    return task[job.task_path].call(**job.args_kwargs["kwargs"])


def test_publishing_a_request_queues_its_suggestions_and_the_job_stores_them(
    people, django_capture_on_commit_callbacks
):
    fitting = published_offer(people)
    spanish = published_offer(
        people,
        title="Barcoding in Spanish",
        languages=Language.objects.filter(code="es"),
    )
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        request = published_request(people)
    (job,) = DBTaskResult.objects.filter(task_path=refresh_suggestions.module_path)
    assert job.args_kwargs["kwargs"] == {"request_ids": [request.pk]}
    assert run(job) == 1
    (suggestion,) = Suggestion.objects.filter(request=request)
    assert suggestion.offer == fitting and suggestion.rank == 1
    assert suggestion.offer != spanish  # no common language: never suggested
    assert ["language", ["en"]] in suggestion.reasons
    assert suggestion.parts["targets"] == 0.5  # target 4 of the request's 4 and 20


def test_an_offer_change_queues_one_refresh_of_every_request(
    people, django_capture_on_commit_callbacks
):
    request = published_request(people)
    with django_capture_on_commit_callbacks(execute=True):
        offer = published_offer(people)
        listing_update(listing=offer, by=people.provider, title="New title")
    jobs = DBTaskResult.objects.filter(task_path=refresh_all_suggestions.module_path)
    assert jobs.count() == 1
    assert run(jobs.get()) == 1
    assert Suggestion.objects.get(request=request).offer == offer


def test_the_engine_is_rebuilt_only_when_offers_change(people):
    published_offer(people)
    first = ranking.engine()
    assert ranking.engine() is first
    published_offer(people, title="Another")
    assert ranking.engine() is not first
    assert len(ranking.engine().offers) == 2


def test_refreshing_replaces_old_suggestions_and_skips_unpublished_requests(people):
    request = published_request(people)
    offer = published_offer(people)
    ranking.suggestions_refresh(request.__class__.objects.filter(pk=request.pk))
    listing_transition(listing=offer, action="withdraw", by=people.provider)
    ranking.suggestions_refresh(request.__class__.objects.filter(pk=request.pk))
    assert not Suggestion.objects.filter(request=request).exists()
    request_transition(request=request, action="withdraw", by=people.member)
    assert ranking.suggestions_refresh(request.__class__.objects.all()) == 0


def test_the_command_works_out_every_published_request(people):
    from io import StringIO

    from django.core.management import call_command

    published_offer(people)
    request = published_request(people)
    out = StringIO()
    call_command("refresh_suggestions", stdout=out)
    assert "Suggestions worked out for 1 request in" in out.getvalue()
    assert Suggestion.objects.filter(request=request).exists()


def test_anyone_sees_the_suggestions_with_their_reasons(client, suggested):
    request, offer = suggested
    body = page(client, request)
    assert offer.title in body
    assert "Both work in English" in body and "covers GBF target 4" in body
    assert "Propose this match" not in body  # visitors may not propose
    detail = client.get(request.get_absolute_url()).content.decode()
    assert reverse("matching:request", args=[request.uuid]) in detail


def test_a_request_with_no_suggestions_says_why(client, people):
    request = published_request(people)
    assert "No suggestions yet" in page(client, request)


def test_the_page_names_the_providers_and_the_donors_among_them(client, people):
    from mutua.directory.models import ResourceType

    request = published_request(people)
    published_offer(people)
    published_offer(
        people,
        title="Grants for barcoding laboratories",
        resources=ResourceType.objects.filter(code__in=["funding", "expertise"]),
    )
    ranking.suggestions_refresh(request.__class__.objects.filter(pk=request.pk))
    body = page(client, request)
    providers = body.split('id="providers-heading"')[1]
    assert providers.count(people.university.name) == 2  # once a provider, once a donor
    donors = providers.split("Donors")[1].split("</section>")[0]
    assert "Grants for barcoding laboratories" in donors


def test_the_request_page_loads_its_three_best_offers_with_htmx(client, suggested):
    request, offer = suggested
    detail = client.get(request.get_absolute_url()).content.decode()
    assert 'hx-trigger="load"' in detail  # without JavaScript, the link stays
    url = reverse("matching:request", args=[request.uuid])
    response = client.get(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Best offers for this request" in body and offer.title in body
    assert "<html" not in body and "HX-Request" in response["Vary"]


def test_explanations_speak_the_readers_language(client, suggested):
    request, _offer = suggested
    url = reverse("matching:request", args=[request.uuid])
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tous deux travaillent en anglais" in french
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Ambos trabajan en inglés" in spanish
