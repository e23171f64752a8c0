"""Imports run in the background: a large file is checked and written by a job
(`tasks.run_import`, run by `mutua db_worker`) while its uploader watches.

The job records its progress on an `ImportJob`, each update a write of its own,
and ends with what the import page would have shown.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext
from django_tasks import task

from mutua.core.jobs import last_attempt

from . import services
from .models import ImportJob

MAX_ROWS = 5000
# A phone on a slow connection should not load thousands of rows of problems.
MAX_SHOWN = 1000
MAX_LINKS = 100


def _link(record) -> dict[str, str]:
    try:
        url = record.get_absolute_url()
    except NoReverseMatch:  # a record whose page this instance does not serve
        url = ""
    return {"title": str(record), "url": url}


def summary(outcome: services.Outcome) -> dict:
    """What the page shows of a written import, as JSON."""
    return {
        "kind": outcome.kind,
        "created": outcome.created,
        "existing": outcome.existing,
        "records": [_link(i.record) for i in outcome.imported[:MAX_LINKS]],
        "more": max(0, len(outcome.imported) - MAX_LINKS),
    }


def problems(outcome: services.Outcome) -> dict:
    """What the page shows of a refused import, as JSON."""
    found = outcome.problems
    return {
        "kind": outcome.kind,
        "problems": [
            {"row": p.row, "field": p.field, "message": p.message}
            for p in found[:MAX_SHOWN]
        ],
        "hidden": max(0, len(found) - MAX_SHOWN),
        "total": len(found),
    }


def job_queue(
    *, by: User, data: bytes, filename: str, kind: str, publish: bool
) -> ImportJob:
    """Keep the file and queue the job that imports it once this is committed."""
    job = ImportJob.objects.create(
        by=by, data=data, filename=filename[:255], kind=kind, publish=publish
    )
    transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def _update(job: ImportJob, **fields) -> None:
    """One short write, so that the uploader's page sees it at once."""
    ImportJob.objects.filter(pk=job.pk).update(**fields, updated_at=timezone.now())


@task(takes_context=True)
def run_import(context: TaskContext, *, job_id: int) -> str:
    """Check and write a file uploaded to the import page (a background job).

    Nothing is written unless all is: a job that fails before its last attempt
    goes back to the queue whole, to be checked and written again.
    """
    return job_run(job_id, last=last_attempt(context))


def job_run(job_id: int, *, last: bool = True) -> str:
    """Check every row (reading only), then write them all in one short transaction.

    On an error the job is failed if this is the `last` attempt, and queued
    again otherwise (the write is all or nothing, so there is nothing to undo).
    """
    job = ImportJob.objects.select_related("by").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.QUEUED:
        return "nothing to do"
    try:
        outcome = _import(job)
    except Exception:
        if not last:
            _update(job, status=ImportJob.Status.QUEUED, rows_done=0)
            raise
        stopped = services.Outcome(kind=job.kind)
        stopped.problems.append(
            services.Problem(
                None, "", _("The import stopped on an error: nothing was imported.")
            )
        )
        _update(job, status=ImportJob.Status.FAILED, data=b"", result=problems(stopped))
        raise
    if outcome.ok:
        _update(job, status=ImportJob.Status.DONE, data=b"", result=summary(outcome))
    else:
        _update(job, status=ImportJob.Status.FAILED, data=b"", result=problems(outcome))
    return "done" if outcome.ok else "failed"


def _import(job: ImportJob) -> services.Outcome:
    sheet, outcome = services.read(
        data=bytes(job.data),
        filename=job.filename,
        kind=job.kind or None,
        max_rows=MAX_ROWS,
    )
    if sheet is None:
        return outcome
    total = len(sheet.rows)
    _update(job, status=ImportJob.Status.CHECKING, rows_total=total)
    services.check(
        sheet,
        outcome,
        by=job.by,
        publish=job.publish,
        progress=lambda done: _update(job, rows_done=done),
    )
    if not outcome.ok:
        return outcome
    _update(job, status=ImportJob.Status.WRITING, rows_done=total)
    return services.write(outcome, by=job.by)
