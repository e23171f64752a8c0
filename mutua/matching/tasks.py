"""Background jobs of matching, run by `mutua db_worker` on the same database."""

from django_tasks import TaskContext, task

from mutua.core.jobs import last_attempt
from mutua.exchange.models import Request


@task()
def refresh_suggestions(*, request_ids: list[int]) -> int:
    """Re-rank the offers for these requests."""
    from .ranking import suggestions_refresh

    return suggestions_refresh(Request.objects.filter(pk__in=request_ids))


@task()
def refresh_all_suggestions() -> int:
    """Re-rank the offers for every published request (after an offer changed)."""
    from .ranking import suggestions_refresh

    return suggestions_refresh(Request.objects.all())


@task(takes_context=True)
def work_out_round(context: TaskContext, *, round_id: int) -> str:
    """Work out an allocation round started by a coordinator.

    A failure marks the round failed only when the job will not be tried again:
    until then the round stays running, for the next attempt to work it out.
    """
    from .models import AllocationRound
    from .rounds import round_work_out

    found = AllocationRound.objects.filter(pk=round_id).first()
    if found is None or found.status != AllocationRound.Status.RUNNING:
        return "nothing to do"
    try:
        round_work_out(found)
    except Exception:
        if last_attempt(context):
            AllocationRound.objects.filter(pk=round_id).update(
                status=AllocationRound.Status.FAILED
            )
        raise
    return "done"
