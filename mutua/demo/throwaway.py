"""Throw-away databases for benchmarks and evaluations: never the user's.

A child process gets the environment below: production settings, a temporary
data directory for its SQLite file, and no DATABASE_URL unless a throw-away
PostgreSQL database is named.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connections

from mutua.core.figures import percentile

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
MARK = "MUTUA_THROWAWAY"  # set in the child: its database may be written freely


def environment(workdir: Path, *, database_url: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "throw-away-only-" + "z" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MUTUA_DATA_DIR": str(workdir),
        "LOG_LEVEL": "WARNING",
        MARK: "1",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def mutua(*args: str, env: dict[str, str], capture: bool = False):
    """Run a mutua command in the child environment; fail loudly if it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "mutua", *args],
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"mutua {' '.join(args)} failed: {result.stderr or ''}")
    return result


def recreate_pg_database(name: str) -> None:
    drop_pg_database(name)
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")


def drop_pg_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def check_sizes(**sizes: int) -> None:
    """Refuse a benchmark size out of range, naming its option (scale= → --scale)."""
    for name, value in sizes.items():
        if not 1 <= value <= 1_000_000:
            option = "--" + name.replace("_", "-")
            raise CommandError(f"{option} must be from 1 to 1,000,000.")


def run_with_reference(
    command: str,
    flags: list[str],
    *,
    database: str,
    say: Callable[[str], object],
    doing: str,
) -> str:
    """Run `mutua command flags` in a child process on a new throw-away database
    (SQLite, or PostgreSQL named for the command), migrated and with the
    reference data loaded, saying what it does; return what it printed. The
    database goes afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"mutua-{command}-"))
    pg_name = "mutua_" + command.replace("-", "_")
    url = ""
    if database == "postgresql":
        recreate_pg_database(pg_name)
        url = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    try:
        env = environment(workdir, database_url=url)
        for step in (["migrate", "--no-input", "-v", "0"], ["load-reference"]):
            say(f"… {' '.join(step)}")
            mutua(*step, env=env, capture=True)
        say(f"… {doing}")
        return mutua(command, *flags, env=env, capture=True).stdout
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgresql":
            drop_pg_database(pg_name)


def seed(
    env: dict[str, str], scale: int, say: Callable[[str], object], *, served: bool
) -> None:
    """Migrate the throw-away database, load the reference data and the demo at
    `scale`, and, for a site to be served, collect its static files."""
    steps = [
        ["migrate", "--no-input", "-v", "0"],
        ["load-reference"],
        ["seed-demo", "--scale", str(scale), "--force"],
    ]
    if served:
        steps.append(["collectstatic", "--no-input", "-v", "0"])
    for step in steps:
        say(f"… {' '.join(step)}")
        mutua(*step, env=env, capture=True)


def add_options(parser, *, database: str = "sqlite") -> None:
    """The options of every benchmark run on a throw-away database: which one to
    build, and whether to print one JSON object instead of a report."""
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql"], default=database
    )
    parser.add_argument(
        "--json", action="store_true", dest="as_json", help="print one JSON object"
    )


def measure_here_or_there(
    command: BaseCommand,
    flags: list[str],
    *,
    database: str,
    as_json: bool,
    doing: str,
    measure: Callable[[], dict],
    report: Callable[[dict], str],
) -> None:
    """Inside a throw-away database, `measure` and print the figures; outside one,
    build one and run the same command there with `flags`, printing what it prints."""
    if os.environ.get(MARK) == "1":
        figures = measure()
        command.stdout.write(json.dumps(figures) if as_json else report(figures))
        return
    name = command.__module__.rpartition(".")[2].replace("_", "-")
    output = run_with_reference(
        name,
        [*flags, *(["--json"] if as_json else [])],
        database=database,
        say=command.stderr.write,
        doing=doing,
    )
    command.stdout.write(output, ending="")


def ms(run: Callable[[], object]) -> float:
    """How long `run()` takes, in milliseconds."""
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def cold_then_warm(run: Callable[[], object], repeat: int) -> dict:
    """`run` timed once on a fresh connection, then `repeat` times warm."""
    connections.close_all()
    cold = ms(run)
    warm = [ms(run) for _ in range(repeat)]
    return {
        "cold_ms": round(cold, 1),
        "p50_ms": round(percentile(warm, 0.5), 1),
        "p95_ms": round(percentile(warm, 0.95), 1),
        "max_ms": round(max(warm), 1),
    }


@contextmanager
def serving(env: dict[str, str], port: int) -> Iterator[str]:
    """Serve the throw-away site with granian (two workers, as in production) on
    loopback while the block runs; yield its address."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--workers",
            "2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "mutua.wsgi:application",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 — loopback only
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"The server did not answer at {url}.")
