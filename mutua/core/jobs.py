"""The background worker: django_tasks_db's, made to outlive database errors and to
try failing jobs again.

django_tasks_db's worker stops at the first database error outside a job (a
PostgreSQL restart, a table it cannot read, SQLite still locked when it records a
result), and marks a job that raises as failed at once. Here:

- the loop logs such an error, drops its connections, waits (twice as long after
  each error in a row, up to a minute) and polls again;
- a job that raises goes back to the queue, to run after TASK_RETRY_SECONDS,
  then twice that, and so on, until it has been tried TASK_MAX_ATTEMPTS times;
  then it stays failed. The exception and its traceback stay on the job's row
  (`exception_class_path`, `traceback`) while it waits and once it has failed;
- a job whose outcome could not be written (the database failed just then) goes
  back to the queue the same way once the database answers, rather than stay
  marked running for ever. Jobs must therefore bear being run twice.

Attempts are counted by the library itself: each claim of a job adds the
worker's id to its `worker_ids` (`TaskContext.attempt`).
"""

import contextlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import Error
from django.db import connections
from django.utils import timezone
from django_tasks import TaskContext
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

FIRST_PAUSE = 1.0  # seconds after a database error, doubled while errors follow
LONGEST_PAUSE = 60.0


def retry_delay(attempt: int) -> timedelta:
    """How long a job that failed its `attempt`-th time waits before the next."""
    return timedelta(seconds=settings.TASK_RETRY_SECONDS * 2 ** (attempt - 1))


def last_attempt(context: TaskContext) -> bool:
    """Whether a failure now would be final (a job may then mark its record failed)."""
    return context.attempt >= settings.TASK_MAX_ATTEMPTS


class Worker(db_worker.Worker):
    # A job run whose outcome could not be written, and the error that stopped it.
    unrecorded: tuple[DBTaskResult, Error] | None = None

    def run(self) -> None:
        pause = FIRST_PAUSE
        while self.running:
            started = time.monotonic()
            try:
                if self.unrecorded is not None:
                    self.record_lost_outcome(*self.unrecorded)
                    self.unrecorded = None
                super().run()
                return  # --batch or --max-tasks: done
            except Error:  # any database error, a closed connection's included
                if time.monotonic() - started > LONGEST_PAUSE:
                    pause = FIRST_PAUSE  # it worked for a while: a new run of errors
                logger.exception(
                    "Database error in the worker; polling again in %.0f s", pause
                )
                for connection in connections.all(initialized_only=True):
                    with contextlib.suppress(Error):
                        connection.close()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except Error as error:
            self.unrecorded = (db_task_result, error)
            raise
        if db_task_result.status == TaskResultStatus.FAILED:
            retry_later(db_task_result)

    @staticmethod
    def record_lost_outcome(job: DBTaskResult, error: Error) -> None:
        if len(job.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
            job.set_failed(error)
        retry_later(job)


def retry_later(job: DBTaskResult) -> None:
    """Put a job that failed (or whose outcome was lost) back in the queue, unless
    it has had all its attempts."""
    attempt = len(job.worker_ids)
    if attempt >= settings.TASK_MAX_ATTEMPTS:
        logger.error(
            "Job %s (%s) failed for good after %d attempts: %s",
            job.pk,
            job.task_path,
            attempt,
            job.exception_class_path,
        )
        return
    delay = retry_delay(attempt)
    waiting = DBTaskResult.objects.filter(pk=job.pk)
    waiting.exclude(status=TaskResultStatus.SUCCESSFUL).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now() + delay,
        finished_at=None,
    )
    logger.warning(
        "Job %s (%s) failed on attempt %d of %d (%s); trying again in %.0f s",
        job.pk,
        job.task_path,
        attempt,
        settings.TASK_MAX_ATTEMPTS,
        job.exception_class_path,
        delay.total_seconds(),
    )
