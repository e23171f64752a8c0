"""Reads of the imports: a user's background imports."""

from mutua.directory.access import Actor

from .models import ImportJob


def import_jobs_of(user: Actor, *, limit: int = 5) -> list[ImportJob]:
    """The user's latest background imports, newest first: the way back to one."""
    jobs = ImportJob.objects.filter(by=user).defer("data").order_by("-created_at")
    return list(jobs[:limit])
