"""Full-text search that behaves the same on SQLite (FTS5) and PostgreSQL.

Records keep a folded `search_text` (see `text.index_text`); queries are folded
the same way, every word must match, and each word also matches as a prefix.
SQLite searches an FTS5 index kept in step by triggers; PostgreSQL a GIN index
on a stored `search_vector` column, `to_tsvector('simple', search_text)` kept by
the database, so that ranking reads each record's vector instead of parsing its
text again. Both are created by `fts_operations`.
"""

from django.db import connection
from django.db import models
from django.db.models.expressions import RawSQL

from .text import search_terms


def _fts5_query(terms: list[str], any_word: bool) -> str:
    return (" OR " if any_word else " AND ").join(f'"{t}"*' for t in terms)


def _tsquery(terms: list[str], any_word: bool) -> str:
    return (" | " if any_word else " & ").join(f"{t}:*" for t in terms)


def search(
    queryset: models.QuerySet,
    query: str,
    *,
    rank: bool = False,
    any_word: bool = False,
) -> models.QuerySet:
    """Keep the records matching every word of `query` (or any, with `any_word`).

    With `rank`, the best matches come first.
    """
    terms = search_terms(query)
    if not terms:
        return queryset
    table = queryset.model._meta.db_table
    if connection.vendor == "postgresql":
        tsquery = _tsquery(terms, any_word)
        matches = f"{table}.search_vector @@ to_tsquery('simple', %s)"
        if rank:
            # Matched on the row itself, as the rank is: a subquery of ids would
            # read every match of the whole table a second time.
            score = RawSQL(
                f"ts_rank({table}.search_vector, to_tsquery('simple', %s))",
                (tsquery,),
                output_field=models.FloatField(),
            )
            return (
                queryset.filter(
                    RawSQL(matches, (tsquery,), output_field=models.BooleanField())
                )
                .annotate(search_rank=score)
                .order_by("-search_rank", "-pk")
            )
        # A subquery of ids, so the filter also works where the table is aliased
        # (inside another query's subquery).
        return queryset.filter(
            pk__in=RawSQL(f"SELECT id FROM {table} WHERE {matches}", (tsquery,))
        )
    fts = f"{table}_fts"
    match_query = _fts5_query(terms, any_word)
    if rank:
        # A join, so that bm25() (lower for better matches) is computed once per
        # match while the index is read; a subquery per row would run the whole
        # MATCH again for every record.
        return queryset.extra(  # noqa: S610 (our table names, a bound parameter)
            tables=[fts],
            where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
            params=[match_query],
            select={"search_rank": f"bm25({fts})"},
        ).order_by("search_rank", "-pk")
    return queryset.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", (match_query,))
    )


def _sqlite_triggers(table: str) -> tuple[list[str], list[str]]:
    fts = f"{table}_fts"
    create = [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        "VALUES('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        "VALUES('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]
    drop = [f"DROP TRIGGER IF EXISTS {fts}_{kind}" for kind in ("ai", "ad", "au")]
    return create, drop


def _sqlite_sql(table: str) -> tuple[list[str], list[str]]:
    fts = f"{table}_fts"
    create, drop = _sqlite_triggers(table)
    forward = [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        *create,
        f"INSERT INTO {fts}({fts}) VALUES('rebuild')",
    ]
    return forward, [*drop, f"DROP TABLE IF EXISTS {fts}"]


def _postgresql_sql(table: str) -> tuple[list[str], list[str]]:
    """The stored vector and its index; over a former index on the expression too."""
    index = f"{table}_search_gin"
    return (
        [
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
            f"DROP INDEX IF EXISTS {index}",
            f"CREATE INDEX {index} ON {table} USING gin (search_vector)",
        ],
        [
            f"DROP INDEX IF EXISTS {index}",
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
        ],
    )


def search_index_sql(vendor: str, table: str) -> tuple[list[str], list[str]]:
    """The statements that create a table's search index, and those that drop it."""
    return (_postgresql_sql if vendor == "postgresql" else _sqlite_sql)(table)


def fts_operations(*tables: str):
    """Migration operations that create the search index of each table."""
    from django.db import migrations

    def run(direction: int):
        def apply(apps, schema_editor):
            vendor = schema_editor.connection.vendor
            for table in tables:
                for statement in search_index_sql(vendor, table)[direction]:
                    schema_editor.execute(statement)

        return apply

    return [migrations.RunPython(run(0), run(1))]


def fts_keep_triggers(*tables: str):
    """A migration operation that puts back the search triggers of each table.

    SQLite rebuilds a table to add a NOT NULL column or change a column's type,
    and the triggers that keep its search index go with the old table. Put this
    operation after such a change, and before it too, so that going back also
    ends with the triggers in place. PostgreSQL needs nothing.
    """
    from django.db import migrations

    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for table in tables:
            create, drop = _sqlite_triggers(table)
            for statement in [*drop, *create]:
                schema_editor.execute(statement)
            fts = f"{table}_fts"
            schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")

    return migrations.RunPython(apply, apply)


def fts_store_vectors(*tables: str):
    """A migration operation that moves PostgreSQL's search index of each table
    from the expression `to_tsvector('simple', search_text)` to a stored column.

    Ranking then reads the stored vector, where it parsed every matching
    record's text again. SQLite needs nothing.
    """
    from django.db import migrations

    def run(forward: bool):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for table in tables:
                create, drop = _postgresql_sql(table)
                for statement in create if forward else drop:
                    schema_editor.execute(statement)
                if not forward:
                    schema_editor.execute(
                        f"CREATE INDEX {table}_search_gin ON {table} "
                        "USING gin (to_tsvector('simple', search_text))"
                    )

        return apply

    return migrations.RunPython(run(True), run(False))
