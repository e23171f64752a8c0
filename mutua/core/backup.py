"""Back up the configured database to a file, and restore it from one.

SQLite: the online backup API copies every page of the live database to the
file while the site keeps reading and writing, and a restore copies a backup's
pages back into the configured database file the same way. PostgreSQL:
pg_dump's custom format, and pg_restore in one transaction. A restore writes
what the file holds and nothing else: no model code runs, so it queues no
background job of its own.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def database_backup(path: Path) -> None:
    """Copy the whole database to `path` (replaced if it exists)."""
    if connection.vendor == "postgresql":
        _pg("pg_dump", "--format=custom", f"--file={path}")
        return
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
    except sqlite3.Error as error:
        raise CommandError(f"Cannot write the backup to {path}: {error}.") from error


def database_restore(path: Path, *, force: bool = False) -> None:
    """Replace the database's content with the backup at `path`. The database
    must hold no table unless `force`."""
    if not path.is_file():
        raise CommandError(f"There is no backup file {path}.")
    if connection.introspection.table_names() and not force:
        raise CommandError(
            "The database already holds tables: restore into a new, empty "
            "database, or give --force to replace its content with the backup's."
        )
    if connection.vendor == "postgresql":
        _pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(path),
        )
        return
    connection.ensure_connection()
    try:
        with closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as source:
            source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} is not an SQLite backup: {error}.") from error


def _pg(program: str, *args: str) -> None:
    """Run pg_dump or pg_restore on the configured database, failing loudly."""
    db = connection.settings_dict
    options = [f"--dbname={db['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db[key]:
            options.append(f"{option}={db[key]}")
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else None
    result = subprocess.run(  # noqa: S603 — our fixed arguments, no shell
        [program, *options, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CommandError(f"{program} failed: {result.stderr.strip()}")
