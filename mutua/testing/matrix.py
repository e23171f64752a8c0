"""The machinery of a permission matrix: personas against actions, on pages and API.

A matrix is a table whose rows are actions (each a `Row`: the state to start
from, the page to send, the endpoint to call) and whose columns are the personas
of `mutua.testing.personas` and an anonymous visitor. A cell reads:

- `ok`: allowed; the page redirects (or shows, for a read) and the API answers
  200/201, and the database holds the change;
- `no`: refused with 403 (the record is visible, the action is not theirs);
- `404`: refused as if the record did not exist (existence is private);
- `form`: refused by the form (the page answers 200 or 400), which names the
  country or organization field (the user may submit for something, just not
  this); the API says 403, or 422 naming that field;
- `login`: a visitor is sent to log in; the API says 401.

Every refused cell also checks that nothing at all was written: `fingerprint`
sums up every table of the project's apps.

A row's state is made once, and each persona acts on it inside a savepoint that is
rolled back, so that one persona's write never reaches the next; each persona is a
subtest of its own, reported by name.
"""

import copy
import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from http.cookies import SimpleCookie
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.db import transaction
from django.http import HttpResponse
from django.test import Client

from mutua.directory import services as directory_services

from .http import forget_cached

PERSONAS = (
    "focal_point",
    "coordinator",
    "member",
    "provider",
    "outsider",
    "secretariat",
    "anonymous",
)


OUTCOMES = {"ok", "no", "404", "form", "login"}


@dataclass
class Cell:
    """One persona about to take one action: the client it uses and the record."""

    people: SimpleNamespace
    persona: str
    client: Client
    headers: dict[str, str] = field(default_factory=dict)
    record: Any = None

    @property
    def user(self) -> User | None:
        return (
            None if self.persona == "anonymous" else getattr(self.people, self.persona)
        )

    def call(self, method: str, path: str, body: dict | None = None) -> HttpResponse:
        """Send JSON to /api/v1`path` with the persona's bearer token, if any."""
        return self.client.generic(
            method,
            f"/api/v1{path}",
            "" if body is None else json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )


Step = Callable[[Cell], Any]


@dataclass(frozen=True)
class Row:
    """How to take one action of the matrix: state to start from, page, endpoint."""

    setup: Step
    web: Step
    api: Step | None
    done: Callable[[Cell], bool] = lambda cell: True
    # What the page answers: a redirect after a write, the page itself for a read.
    ok_status: int = 302
    refused_status: int = 403
    # The state depends on who acts (its setup reads `cell.user`): it is made again
    # for each persona.
    per_persona: bool = False


def matrix(table: str, rows: dict[str, Row]) -> dict[str, dict[str, str]]:
    """{action: {persona: outcome}} of a table whose rows all have a `Row`."""
    lines = [line.split() for line in table.strip().splitlines()]
    header, body = lines[0], lines[1:]
    assert tuple(header) == PERSONAS, header
    cells = {
        name: dict(zip(PERSONAS, outcomes, strict=True)) for name, *outcomes in body
    }
    assert set(cells) == set(rows), set(cells) ^ set(rows)
    assert all(set(row.values()) <= OUTCOMES for row in cells.values())
    return cells


def actions(rows: dict[str, Row], *, api: bool) -> list[str]:
    """The rows to test on the pages, or through the API where a row has a call."""
    return [name for name, row in rows.items() if not api or row.api is not None]


def _probes() -> str:
    """One query that sums up every table of the project's apps: its rows, the
    latest save (`updated_at`) or, where there is none, the latest row and the
    flags a write could turn."""
    selects = []
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not model.__module__.startswith("mutua.") or meta.db_table in tables:
            continue
        tables.add(meta.db_table)
        columns = {f.name: f for f in meta.concrete_fields}
        probes = ["COUNT(*)"]
        if "updated_at" in columns:
            probes.append("MAX(updated_at)")
        else:
            if meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}:
                probes.append(f"MAX({meta.pk.column})")
            probes += [
                f"SUM(CASE WHEN {f.column} THEN 1 ELSE 0 END)"
                for f in columns.values()
                if f.get_internal_type() == "BooleanField"
            ]
        selects += [f"(SELECT {what} FROM {meta.db_table})" for what in probes]  # noqa: S608 — model names
    return "SELECT " + ", ".join(selects)  # noqa: S608


PROBES = _probes()


def fingerprint() -> tuple:
    """Everything a write of any app could change."""
    with connection.cursor() as cursor:
        cursor.execute(PROBES)
        return cursor.fetchone()


# One client for every cell: each new one loads the whole middleware again.
CLIENT = Client()


# A row's state not made yet: `start` makes it with the row's setup.
UNMADE = object()


def start(people, persona: str, row: Row, *, api: bool, record: Any = UNMADE) -> Cell:
    """The persona, signed in on the site or holding a token, before the action,
    with the row's state: `record`, made already, or made now by its setup."""
    CLIENT.cookies = SimpleCookie()
    cell = Cell(people=people, persona=persona, client=CLIENT)
    if cell.user is not None and api:
        _, key = directory_services.api_token_create(user=cell.user, name="matrix")
        cell.headers = {"Authorization": f"Bearer {key}"}
    elif cell.user is not None:
        cell.client.force_login(cell.user)
    cell.record = row.setup(cell) if record is UNMADE else copy.deepcopy(record)
    return cell


def check_web(row: Row, cell: Cell, outcome: str) -> None:
    before = fingerprint()
    response = row.web(cell)
    status = response.status_code
    if outcome == "ok":
        assert status == row.ok_status, response.content[:500]
        assert row.done(cell), "allowed, but the database did not change"
        return
    if outcome == "login":
        assert status == 302 and "/login/?next=" in response["Location"]
    elif outcome == "404":
        assert status == 404
    elif outcome == "form":
        assert status in {200, 400}, response.content[:500]
        assert {"country", "organization"} & set(response.context["form"].errors)
    else:
        assert status == row.refused_status, response.content[:500]
    assert fingerprint() == before, "refused, but the database changed"


def check_api(row: Row, cell: Cell, outcome: str) -> None:
    before = fingerprint()
    response = row.api(cell)
    status = response.status_code
    if outcome == "ok":
        assert status in {200, 201}, response.content[:500]
        assert row.done(cell), "allowed, but the database did not change"
        return
    if outcome == "form" and status == 422:
        # As on the page: a missing organization is named as the input at fault.
        fields = {error["field"] for error in response.json()["errors"]}
        assert {"country", "organization"} & fields, response.content[:500]
    else:
        expected = {"login": 401, "404": 404, "no": 403, "form": 403}[outcome]
        assert status == expected, response.content[:500]
    assert response.json()["errors"][0]["message"]
    assert fingerprint() == before, "refused, but the database changed"


def matrix_tests(
    table: str, rows: dict[str, Row], *, unchanged: Callable[[], Any] | None = None
):
    """The two tests of a matrix, every row on the pages and through the API; a
    test module binds them to `test_web` and `test_api` for pytest to collect.
    `unchanged`, when given, reads what a refusal must also leave as it was, where
    the fingerprint's counts and latest saves would not tell (an edited text in a
    table without `updated_at`)."""
    cells = matrix(table, rows)

    def check(people, subtests, action: str, *, api: bool):
        row = rows[action]
        shared = UNMADE
        if not row.per_persona:
            shared = row.setup(Cell(people=people, persona="anonymous", client=CLIENT))
        for persona, outcome in cells[action].items():
            allowed = "allowed" if outcome == "ok" else "refused"
            with subtests.test(f"{persona}-{allowed}"), _undone():
                forget_cached()
                cell = start(people, persona, row, api=api, record=shared)
                before = unchanged() if unchanged else None
                (check_api if api else check_web)(row, cell, outcome)
                if unchanged and outcome != "ok":
                    assert unchanged() == before, "refused, but the database changed"

    @pytest.mark.parametrize("action", actions(rows, api=False))
    def test_web(people, subtests, action):
        check(people, subtests, action, api=False)

    @pytest.mark.parametrize("action", actions(rows, api=True))
    def test_api(people, subtests, action):
        check(people, subtests, action, api=True)

    return test_web, test_api


@contextmanager
def _undone():
    """Whatever the block writes is rolled back when it ends, pass or fail."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)
