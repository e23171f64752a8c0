"""The dashboard benchmark runs end to end on a throw-away SQLite file."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError
from django.core.management import call_command


@pytest.mark.slow
def test_a_tiny_run_on_sqlite_prints_the_figures():
    out = StringIO()
    call_command(
        "benchmark_indicators",
        *("--database", "sqlite", "--partnerships", "40", "--activities", "300"),
        *("--repeat", "2", "--json"),
        stdout=out,
    )
    figures = json.loads(out.getvalue())
    assert figures["database"] == "sqlite"
    assert (figures["built"]["partnerships"], figures["built"]["activities"]) == (
        40,
        300,
    )
    assert figures["built"]["attendance rows"] >= 300
    assert len(figures["runs"]) == 6  # the values and the trends, three scopes
    for name, run in figures["runs"].items():
        assert 0 < run["p50_ms"] <= run["max_ms"]
        if name.startswith("five-year trends"):
            assert len(run["slowest"]) == 5


@pytest.mark.parametrize("flag", ["--partnerships", "--activities", "--repeat"])
def test_sizes_out_of_range_are_refused_naming_the_option(flag):
    with pytest.raises(CommandError, match=f"{flag} must be from 1 to 1,000,000"):
        call_command("benchmark_indicators", flag, "0")
