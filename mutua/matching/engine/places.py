"""Countries as the engine sees them, and finding them named in free text."""

from collections.abc import Iterable
from dataclasses import dataclass

from .text import words

MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Place:
    """A country with its UN M49 areas and its groups (LDC, LLDC, SIDS, developing)."""

    iso3: str
    name: str
    region: str = ""
    subregion: str = ""
    intermediate: str = ""
    groups: frozenset[str] = frozenset()
    region_name: str = ""
    subregion_name: str = ""
    intermediate_name: str = ""
    other_names: tuple[str, ...] = ()

    @property
    def developing(self) -> bool:
        return "developing" in self.groups


def _key(name: str) -> tuple[str, ...]:
    return tuple(words(name))


class Gazetteer:
    """Finds the countries a text names, by their names as runs of words.

    A name in brackets or after a comma in the reference data ("Congo, The
    Democratic Republic of the") is also tried in its short form ("Congo").
    """

    def __init__(self, places: Iterable[Place]):
        self.names: dict[tuple[str, ...], str] = {}
        for place in places:
            for name in (place.name, *place.other_names):
                for variant in (name, name.split(",")[0], name.split("(")[0]):
                    key = _key(variant)
                    if key and len(key) <= MAX_NAME_WORDS:
                        self.names.setdefault(key, place.iso3)
        self.longest = max((len(k) for k in self.names), default=0)
        self.first_words = {k[0] for k in self.names}

    def mentioned(self, text: str) -> set[str]:
        found: set[str] = set()
        run = words(text)
        for i, word in enumerate(run):
            if word not in self.first_words:
                continue
            for length in range(min(self.longest, len(run) - i), 0, -1):
                iso3 = self.names.get(tuple(run[i : i + length]))
                if iso3:
                    found.add(iso3)
                    break
        return found
