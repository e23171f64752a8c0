"""The background worker tries failing jobs again, then gives up on them with
their reason, and outlives database errors (`core.jobs`)."""

import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.db import connections
from django.utils import timezone
from django_tasks import TaskContext
from django_tasks import TaskResultStatus
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from mutua.demo import throwaway
from mutua.testing.jobs import work

pytestmark = pytest.mark.django_db(transaction=True)


@task(takes_context=True)
def flaky(context: TaskContext) -> str:
    """Fails on its first two attempts."""
    if context.attempt < 3:
        raise RuntimeError(f"not yet, attempt {context.attempt}")
    return "third time lucky"


@task()
def broken() -> None:
    raise RuntimeError("the partner's server answered 500")


@task()
def fine() -> str:
    return "done"


def row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture
def no_wait(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_SECONDS = 0


def test_a_job_that_fails_twice_is_tried_again_and_succeeds(no_wait):
    result = flaky.enqueue()
    work()
    job = row(result)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value == "third time lucky"
    assert len(job.worker_ids) == 3
    assert job.traceback == ""


def test_a_job_that_always_fails_ends_failed_with_its_reason(no_wait):
    failing, after = broken.enqueue(), fine.enqueue()
    work()
    job = row(failing)
    assert job.status == TaskResultStatus.FAILED
    assert len(job.worker_ids) == 3, "tried TASK_MAX_ATTEMPTS times, no more"
    assert job.exception_class_path == "builtins.RuntimeError"
    assert "the partner's server answered 500" in job.traceback
    assert row(after).status == TaskResultStatus.SUCCESSFUL


def test_each_retry_waits_twice_as_long_and_keeps_the_last_reason(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_SECONDS = 30
    result = broken.enqueue()
    for attempt, wait in [(1, 30), (2, 60)]:
        work(max_tasks=1)
        job = row(result)
        assert job.status == TaskResultStatus.READY, f"attempt {attempt}"
        expected = timezone.now() + timedelta(seconds=wait)
        assert abs(job.run_after - expected) < timedelta(seconds=5)
        assert "the partner's server answered 500" in job.traceback
        work()
        assert len(row(result).worker_ids) == attempt, "not run before its time"
        DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
    work()
    assert row(result).status == TaskResultStatus.FAILED


@pytest.fixture
def first_outcome_refused():
    """The database refuses to write a job's first outcome, success or failure."""
    table = DBTaskResult._meta.db_table
    finishing = "NEW.status IN ('SUCCESSFUL', 'FAILED')"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER refuse BEFORE UPDATE ON {table} WHEN {finishing}"
                " AND json_array_length(NEW.worker_ids) < 2"
                " BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN"
                f" IF {finishing} AND jsonb_array_length(NEW.worker_ids) < 2"
                " THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END"
                " $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse BEFORE UPDATE ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER refuse")
        else:
            cursor.execute(f"DROP TRIGGER refuse ON {table}")
            cursor.execute("DROP FUNCTION refuse()")


def test_a_job_whose_outcome_could_not_be_written_runs_again(
    no_wait, first_outcome_refused
):
    result = fine.enqueue()
    work()
    job = row(result)
    assert job.status == TaskResultStatus.SUCCESSFUL, "not left running"
    assert len(job.worker_ids) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_worker_outlives_a_lost_postgresql_connection(no_wait):
    """The server ends the worker's session, as on a restart; it connects again."""
    result = fine.enqueue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()
    work()
    assert row(result).status == TaskResultStatus.SUCCESSFUL


def wait_for(condition, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.1)


@pytest.mark.slow
def test_the_worker_outlives_a_database_error(tmp_path):
    """A real failing query: the job table is renamed under the running worker
    (`no such table`), then put back; the worker then runs the next job."""
    env = throwaway.environment(tmp_path) | {"LOG_LEVEL": "INFO"}
    throwaway.mutua("migrate", "--no-input", "-v", "0", env=env)
    log = tmp_path / "worker.log"
    database = sqlite3.connect(tmp_path / "mutua.sqlite3", isolation_level=None)
    table = DBTaskResult._meta.db_table

    def statuses() -> list[str]:
        return [s for (s,) in database.execute(f"SELECT status FROM {table}")]  # noqa: S608

    with log.open("w") as out:
        worker = subprocess.Popen(  # noqa: S603 — our own command, fixed arguments
            [sys.executable, "-m", "mutua", "db_worker", "--no-reload"]
            + ["--interval", "0.1", "--no-startup-delay"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "Starting worker" in log.read_text(), "the worker")
        database.execute(f"ALTER TABLE {table} RENAME TO put_aside")
        wait_for(lambda: "no such table" in log.read_text(), "the failed poll")
        time.sleep(0.5)
        assert worker.poll() is None, log.read_text()
        database.execute(f"ALTER TABLE put_aside RENAME TO {table}")
        throwaway.mutua(
            "shell",
            "-c",
            "from mutua.matching.ranking import refresh_all_suggestions as job;"
            "job.enqueue()",
            env=env,
        )
        wait_for(lambda: statuses() == ["SUCCESSFUL"], "the job to run")
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        database.close()
