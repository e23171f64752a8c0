"""Background jobs of the exchange, run by `mutua db_worker` on the same database."""

from django_tasks import TaskContext, task

from mutua.core.jobs import last_attempt

from .models import Offer, Opportunity, Request

KINDS = {"offer": Offer, "opportunity": Opportunity}


@task()
def send_renewal_reminder(*, kind: str, pk: int) -> None:
    """E-mail the owner of a listing that is about to end."""
    from .renewal import remind

    listing = KINDS[kind].objects.select_related("created_by").filter(pk=pk).first()
    if listing is not None:
        remind(listing)


@task()
def flag_duplicates(*, request_ids: list[int]) -> int:
    """Flag the look-alikes of requests submitted by an import, as a submission
    one at a time does at once: one short write per request, not one long one."""
    from .duplicates import flag_request
    from .lifecycle import OPEN_REQUEST

    submitted = Request.objects.filter(pk__in=request_ids, status__in=OPEN_REQUEST)
    flagged = 0
    for request in submitted.exclude(status=Request.Status.DRAFT):
        flagged += bool(flag_request(request))
    return flagged


@task(takes_context=True)
def run_import(context: TaskContext, *, job_id: int) -> str:
    """Check and write a file uploaded to the import page.

    Nothing is written unless all is: a job that fails before its last attempt
    goes back to the queue whole, to be checked and written again.
    """
    from .import_jobs import job_run

    return job_run(job_id, last=last_attempt(context))
