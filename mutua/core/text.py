"""Text as users write it: checked for its length, and folded for search.

Both SQLite FTS5 and PostgreSQL full-text search see the same folded text, so a
query behaves identically on either database: case and accents never matter.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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


def written(value: str | None, *, field: str, most: int, if_empty: str = "") -> str:
    """What a user wrote in `field`, stripped. Refused, naming the field, when
    longer than `most` characters, or when empty and `if_empty` says why it may
    not be."""
    value = (value or "").strip()
    if if_empty and not value:
        raise ValidationError({field: if_empty})
    if len(value) > most:
        raise ValidationError(
            {
                field: _("Keep it under %(limit)s characters (it has %(length)s).")
                % {
                    "limit": number_format(most, force_grouping=True),
                    "length": number_format(len(value), force_grouping=True),
                }
            }
        )
    return value
