"""docs/indicators.md maps the annex and ¶38 to the indicators that exist."""

import re
from pathlib import Path

from mutua.monitoring.indicators.registry import INDICATORS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "indicators.md").read_text()


def test_every_registered_indicator_is_documented_and_every_documented_one_exists():
    documented = set(re.findall(r"\b(TSC-\d\d|P38-[a-i])\b", DOC))
    assert documented == {i.code for i in INDICATORS}


def test_every_element_of_paragraph_38_has_its_indicator():
    assert {i.code for i in INDICATORS if i.code.startswith("P38")} == {
        f"P38-{letter}" for letter in "abcdefghi"
    }
    for letter in "abcdefghi":
        assert f"| ({letter}) |" in DOC
