"""The background worker, run in the test's own process and database."""

from django.db import connection

from mutua.core import jobs


def work(**options) -> None:
    """Run the worker here until no job is ready (or `max_tasks` jobs are run).

    The worker closes a connection left in a transaction, as the test's own is
    unless the test is `django_db(transaction=True)`: PostgreSQL then loses it
    and the worker would wait for it for ever."""
    assert not connection.in_atomic_block, "work() needs django_db(transaction=True)"
    options = {"batch": True, "max_tasks": None} | options
    jobs.Worker(
        queue_names=["default"],
        interval=0,
        backend_name="default",
        startup_delay=False,
        worker_id="test",
        excluded_queue_names=[],
        **options,
    ).run()
