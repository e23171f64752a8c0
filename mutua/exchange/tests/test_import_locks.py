"""A large import does not stop everyone else's writes.

These tests need writers on connections of their own to one database: they run
on PostgreSQL, and on SQLite with a file database (`MUTUA_TEST_DB=path`, as
`make test-fast` does for this file). An in-memory SQLite database shared
between threads answers "table is locked" at once, whatever the busy timeout,
so it proves nothing here.
"""

import sqlite3
import threading
import time

import pytest
from django.db import connection

from mutua.exchange import importer, services
from mutua.exchange.models import Request
from mutua.exchange.signals import bulk_saved
from mutua.testing.builders import request_fields
from mutua.testing.uploads import requests_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite" and not connection.settings_dict["TEST"]["NAME"],
        reason="threads need a PostgreSQL or SQLite-file test database",
    ),
]

ROWS = 500


def test_writes_during_a_large_import_go_on_or_wait_and_succeed(people):
    """A writer keeps writing while a file is checked and written. While the rows
    are checked it writes on; the write phase is held open half a second, so at
    least one of its writes waits for the lock, and succeeds."""
    finished, written, errors = threading.Event(), [], []

    def keep_writing():
        try:
            while not finished.is_set():
                draft = services.request_create(
                    by=people.focal_point, country=people.malawi, **request_fields()
                )
                written.append(draft.pk)
                time.sleep(0.05)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def hold_the_write_open(sender, **kwargs):
        if sender is Request:
            time.sleep(0.5)

    writer = threading.Thread(target=keep_writing)
    bulk_saved.connect(hold_the_write_open, dispatch_uid="test-hold")
    writer.start()
    try:
        while not written and not errors:  # the writer is at work
            time.sleep(0.01)
        before = len(written)
        outcome = importer.import_file(
            by=people.member, data=requests_file(ROWS), filename="r.csv", publish=True
        )
        during = len(written) - before
    finally:
        finished.set()
        writer.join()
        bulk_saved.disconnect(dispatch_uid="test-hold")
    assert errors == []
    assert outcome.ok and outcome.created == ROWS
    assert Request.objects.filter(created_by=people.member).count() == ROWS
    assert Request.objects.filter(pk__in=written).count() == len(written)
    # An import holding the lock from its first row to its last lets through
    # one write at most, once it is over.
    assert during >= 5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's one write lock")
def test_a_file_is_checked_while_another_writer_holds_the_lock(people):
    """Checking only reads: it is not held up by a writer, and holds up none."""
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        sheet, outcome = importer.read(
            data=requests_file(ROWS), filename="r.csv", kind=None, max_rows=None
        )
        importer.check(sheet, outcome, by=people.member, publish=True)
    finally:
        other.rollback()
        other.close()
    assert outcome.ok and len(outcome.pending) == ROWS
    assert not Request.objects.exists()
