"""Who may see an import: only its uploader."""

from django.http import Http404

from mutua.directory.access import Actor

from .models import ImportJob


def import_job_for_user(user: Actor, uuid) -> ImportJob:
    """The import job, or 404 for one that is missing or not the user's: only its
    uploader sees what a file held and what it wrote."""
    job = ImportJob.objects.filter(uuid=uuid).first()
    if job is None or not user.is_authenticated or job.by_id != user.pk:
        raise Http404("No such import.")
    return job
