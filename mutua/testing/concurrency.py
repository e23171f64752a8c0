"""Calls racing each other, each on a thread and a database connection of its own."""

import threading

from django.db import connection


def race(*calls) -> list[Exception]:
    """Run the calls at once, each in its own thread and connection."""
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            start.wait()
            call()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
