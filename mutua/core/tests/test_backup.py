"""`mutua backup` and `mutua restore`: a demo backed up and restored into a
new, empty database is the same, table by table and row by row.

Rows are read through Django's database wrappers on both sides, so timestamps
are compared as datetimes, to the microsecond.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db import connections
from django_tasks_db.models import DBTaskResult

from mutua.demo import throwaway
from mutua.matching.models import Suggestion
from mutua.testing.builders import suggested_pair

pytestmark = pytest.mark.django_db(transaction=True)

TASKS = DBTaskResult._meta.db_table
SUGGESTIONS = Suggestion._meta.db_table


def every_row(db) -> dict[str, list[str]]:
    """Each table's rows, each row written out, in a fixed order."""
    with db.cursor() as cursor:
        tables = {}
        for table in db.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


@pytest.fixture
def restored_database(tmp_path):
    """Where `mutua restore` writes, in a child process: a new SQLite file, or a
    new PostgreSQL database; and a wrapper to read it."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restored"
        throwaway.recreate_pg_database(name)
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    else:
        name, url = str(tmp_path / "mutua.sqlite3"), ""
    env = throwaway.environment(tmp_path, database_url=url)
    wrapper = type(connections["default"])
    db = wrapper({**connection.settings_dict, "NAME": name}, "restored")
    yield env, db
    db.close()
    if connection.vendor == "postgresql":
        throwaway.drop_pg_database(name)


@pytest.mark.slow
def test_a_restored_demo_is_the_same_in_every_table(
    people, tmp_path, restored_database
):
    call_command("seed_demo", "--scale", "20", "--force", stdout=io.StringIO())
    # The small demo's few published requests find no offer: add a pair that does.
    suggested_pair(people)
    backup = tmp_path / "demo.backup"
    call_command("backup", backup, stdout=io.StringIO())
    env, restored = restored_database

    throwaway.mutua("restore", str(backup), env=env, capture=True)

    before, after = every_row(connection), every_row(restored)
    assert before[SUGGESTIONS], "the demo has suggestions"
    assert after[TASKS] == before[TASKS], "the restore queued no job of its own"
    assert after[SUGGESTIONS] == before[SUGGESTIONS]
    assert sorted(after) == sorted(before)
    differ = [table for table in before if after[table] != before[table]]
    assert not differ, f"These tables differ after the restore: {', '.join(differ)}"


def test_a_restore_over_a_database_with_tables_is_refused_without_force(tmp_path):
    backup = tmp_path / "demo.backup"
    call_command("backup", backup, stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds tables.*--force"):
        call_command("restore", backup)
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", tmp_path / "missing.backup", "--force")
