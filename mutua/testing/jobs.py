"""The background worker, run in the test's own process and database."""

from mutua.core import jobs


def work(**options) -> None:
    """Run the worker here until no job is ready (or `max_tasks` jobs are run)."""
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
