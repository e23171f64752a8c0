"""An import queued before bulk import became its own app still runs."""

import importlib

import pytest
from django.apps import apps
from django_tasks_db.models import DBTaskResult

from mutua.importing.jobs import run_import

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "mutua.importing.migrations.0002_queued_imports_run_from_their_new_module"
)


def queued(task_path: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": {"job_id": 1}},
        queue_name="default",
        backend_name="default",
    )


def test_a_job_queued_under_the_old_module_names_the_new_one():
    old, other = queued(migration.OLD), queued("mutua.matching.ranking.refresh_all")
    migration.rename(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    assert old.task_path == run_import.module_path == migration.NEW
    assert other.task_path == "mutua.matching.ranking.refresh_all"
    migration.rename_back(apps, None)
    old.refresh_from_db()
    assert old.task_path == migration.OLD
