"""The schema the fast suite builds from the models, instead of running every
migration again in each of its processes (5 to 6 s each, most of a worker's start).

Django makes the tables from the models (`migrate --run-syncdb` with migrations
off, pytest-django's `--no-migrations`); then comes what the migrations add that no
model declares: the search index of each searched table. `make lint` checks that
the migrations match the models, and `core/tests/test_schema.py` (slow) that the
schema built here is the migrated one, table by table, index by index.
"""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from mutua.core.search import search_index_sql


def searched_tables() -> list[str]:
    """Every table whose records are searched: those with a `search_text`."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if any(field.name == "search_text" for field in model._meta.concrete_fields)
    )


def add_search_indexes() -> None:
    with connection.schema_editor() as editor:
        for table in searched_tables():
            for statement in search_index_sql(connection.vendor, table)[0]:
                editor.execute(statement)


def build_from_models() -> None:
    """The whole schema of an empty database, as the fast suite builds it."""
    without = {app.label: None for app in apps.get_app_configs()}
    with override_settings(MIGRATION_MODULES=without):
        call_command("migrate", run_syncdb=True, verbosity=0)
    add_search_indexes()


# The marks of a migration's test: it takes the schema back and forward again,
# outside a transaction (a slow test), and leaves every migration applied.
MIGRATION_TEST = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
    pytest.mark.usefixtures("latest_schema_after"),
]


def migrate(targets: list[tuple[str, str]] | None = None):
    """Take the schema forward or back to `targets`, (app, migration) pairs, or to
    the latest migrations; the models as they stand there, for a migration's test."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    """Later tests find every migration applied, whatever a migration's test left."""
    yield
    migrate()
