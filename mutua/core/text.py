"""Text normalisation shared by the search index and search queries.

Both SQLite FTS5 and PostgreSQL full-text search see the same folded text, so a
query behaves identically on either database: case and accents never matter.
"""

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_terms(query: str, *, limit: int = 12) -> list[str]:
    """Words of a user's query, folded, in order, without repeats."""
    terms: list[str] = []
    for word in WORD.findall(fold(query)):
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def index_text(*parts: str | None) -> str:
    return " ".join(WORD.findall(fold(" ".join(p for p in parts if p))))
