"""The slow-link benchmark runs end to end: a throw-away site, a real Chromium on
an emulated 400 kbit/s link, and a line of figures for each first screen."""

import re
import subprocess
import sys

import pytest
from django.core.management import CommandError
from django.core.management import call_command

ROW = re.compile(
    r"^  (/\S*)\s+(\d+) ms\s+(\d+) ms\s+(\d+) ms\s+([\d.]+)\s+(\d+)\s+(yes|NO)$"
)


@pytest.mark.browser
def test_a_run_prints_a_line_of_figures_for_each_first_screen():
    # A process of its own: the browser tests' Chromium runs in this one already.
    run = subprocess.run(
        [sys.executable, "-m", "mutua", "benchmark-slow-links", "--scale", "20"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    rows = [ROW.match(line) for line in run.stdout.splitlines()]
    rows = [row for row in rows if row]
    assert [row.group(1) for row in rows][:2] == ["/", "/requests/"]
    assert rows[2].group(1).startswith("/requests/") and len(rows) == 3
    for row in rows:
        cold, paint, warm = (int(row.group(n)) for n in (2, 3, 4))
        # 400 ms a round trip: no first screen comes faster than one.
        assert 400 < cold and 0 < paint <= cold and 400 < warm
        assert float(row.group(5)) > 0 and int(row.group(6)) >= 2


def test_a_scale_out_of_range_is_refused_naming_the_option():
    with pytest.raises(CommandError, match="--scale"):
        call_command("benchmark_slow_links", "--scale", "0")


def test_a_chromium_that_is_not_there_is_refused_before_building_anything(
    settings, tmp_path
):
    settings.CHROMIUM = str(tmp_path / "chromium")
    with pytest.raises(CommandError, match="CHROMIUM: no browser at .*chromium"):
        call_command("benchmark_slow_links", "--scale", "20")
