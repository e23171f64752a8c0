"""The fast suite's schema, built from the models (`mutua.testing.schema`), is the
one the migrations build: same tables and columns, constraints, indexes, search
tables and triggers. Each is built in a throw-away SQLite file by a process of its
own."""

import os
import re
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

FROM_MODELS = (
    "import django; django.setup(); "
    "from mutua.testing.schema import build_from_models; build_from_models()"
)


def build(path, *command: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "mutua.settings",
    }
    result = subprocess.run(
        [sys.executable, *command], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def clauses(sql: str) -> frozenset[str]:
    """The column and constraint clauses of a CREATE TABLE, in any order."""
    body = sql[sql.index("(") + 1 : sql.rindex(")")]
    parts, depth, start = [], 0, 0
    for at, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(body[start:at])
            start = at + 1
    parts.append(body[start:])
    return frozenset(re.sub(r"\s+", " ", part).strip() for part in parts)


def schema(path) -> dict[tuple[str, str], object]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'django_migrations%'"
        ).fetchall()
    return {
        (kind, name): clauses(sql) if kind == "table" else re.sub(r"\s+", " ", sql)
        for kind, name, sql in rows
    }


def test_the_schema_built_from_the_models_is_the_migrated_one(tmp_path):
    migrated, from_models = tmp_path / "migrated.sqlite3", tmp_path / "models.sqlite3"
    build(migrated, "-m", "mutua", "migrate", "-v", "0")
    build(from_models, "-c", FROM_MODELS)
    expected, built = schema(migrated), schema(from_models)
    assert any(kind == "trigger" for kind, _ in built)
    assert ("table", "exchange_request_fts") in built
    assert set(built) == set(expected), set(built) ^ set(expected)
    differ = {key for key in expected if built[key] != expected[key]}
    assert not differ, {key: built[key] ^ expected[key] for key in sorted(differ)}
