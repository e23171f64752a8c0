"""`mutua db_worker`: django_tasks_db's command, running the worker of `core.jobs`.

It takes the library's place because `mutua.core` comes before `django_tasks_db`
in INSTALLED_APPS; its options are the library's.
"""

from django_tasks_db.management.commands import db_worker

from mutua.core import jobs


class Command(db_worker.Command):
    help = "Run the background worker: it outlives database errors and retries failing jobs"

    def handle(self, *args, **options) -> None:
        # The library's handle() builds the worker from this module-level name.
        db_worker.Worker = jobs.Worker
        super().handle(*args, **options)
