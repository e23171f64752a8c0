"""A large file is imported by a background job while its uploader watches."""

import pytest
from django.db import OperationalError
from django.test import override_settings
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from mutua.exchange.models import Request
from mutua.importing import services
from mutua.importing.jobs import run_import
from mutua.importing.models import ImportJob
from mutua.testing.uploads import ROWS
from mutua.testing.uploads import requests_file
from mutua.testing.uploads import upload

pytestmark = pytest.mark.django_db


def run_queued_import(job: ImportJob) -> str:
    """Run the queued job as the worker would, with its attempt counted."""
    task = DBTaskResult.objects.filter(task_path=run_import.module_path).last()
    context = TaskContext(task_result=task.task_result)
    return run_import.call(context, job_id=job.pk)


def queued(client, people, data: bytes, captured) -> ImportJob:
    client.force_login(people.member)
    with captured(execute=True):
        response = upload(client, data, publish="on")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/import/jobs/{job.uuid}/"
    return job


def test_a_large_file_is_queued_then_imported_and_its_page_follows_the_job(
    client, people, django_capture_on_commit_callbacks
):
    job = queued(client, people, requests_file(), django_capture_on_commit_callbacks)
    assert job.status == "queued" and job.kind == "requests" and job.publish
    assert DBTaskResult.objects.filter(task_path=run_import.module_path).exists()
    assert Request.objects.count() == 0
    url = f"/import/jobs/{job.uuid}/"
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Waiting to start" in page
    assert "<script>" not in page and 'style="' not in page

    assert run_queued_import(job) == "done"
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == job.rows_total == ROWS
    assert bytes(job.data) == b""
    assert Request.objects.filter(status="submitted").count() == ROWS
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in fragment and "every 2s" not in fragment
    assert f"{ROWS} rows imported." in fragment and "Wetland mapping 0" in fragment
    assert "…and 101 more." in fragment
    assert run_queued_import(job) == "nothing to do"
    form = client.get("/import/").content.decode()
    assert f'<a href="{url}">rows.csv</a>: Imported' in form


def test_a_large_file_with_a_bad_row_writes_nothing_and_shows_the_problem(
    client, people, django_capture_on_commit_callbacks
):
    data = requests_file(bad_row=150)
    job = queued(client, people, data, django_capture_on_commit_callbacks)
    assert run_queued_import(job) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and Request.objects.count() == 0
    page = client.get(f"/import/jobs/{job.uuid}/").content.decode()
    assert "1 problem found: nothing was imported" in page
    assert "<td>150</td><td>country</td>" in page and "Unknown country: XXX." in page
    assert "every 2s" not in page


def test_a_small_file_is_still_imported_while_the_page_waits(client, people):
    client.force_login(people.member)
    response = upload(client, requests_file(200))
    assert response.url == "/import/done/" and not ImportJob.objects.exists()
    assert Request.objects.count() == 200


def test_only_the_uploader_sees_an_import_job(
    client, people, django_capture_on_commit_callbacks
):
    job = queued(client, people, requests_file(), django_capture_on_commit_callbacks)
    url = f"/import/jobs/{job.uuid}/"
    for someone in (people.outsider, people.focal_point, people.secretariat):
        client.force_login(someone)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).url.startswith("/accounts/login/")
    client.force_login(people.member)
    assert client.post(url).status_code == 405


def test_an_import_that_fails_on_an_error_is_queued_again_until_its_last_attempt(
    client, people, django_capture_on_commit_callbacks, monkeypatch
):
    job = queued(client, people, requests_file(), django_capture_on_commit_callbacks)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "write", locked)
    task = DBTaskResult.objects.get(task_path=run_import.module_path)
    task.worker_ids = ["first worker"]
    task.save()
    with override_settings(TASK_MAX_ATTEMPTS=2), pytest.raises(OperationalError):
        run_queued_import(job)
    job.refresh_from_db()
    assert job.status == "queued" and bytes(job.data)
    task.worker_ids.append("second worker")
    task.save()
    with override_settings(TASK_MAX_ATTEMPTS=2), pytest.raises(OperationalError):
        run_queued_import(job)
    job.refresh_from_db()
    assert job.status == "failed" and bytes(job.data) == b""
    assert Request.objects.count() == 0
