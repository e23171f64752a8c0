"""Words for ranking: folded, without stop words, stemmed in the text's language.

English, French and Spanish each have their own stop words and Snowball
stemmer; a text's language is the one whose stop words it uses most, so
"restauration des mangroves" and "mangrove" meet at the stem "mangrov".
"""

import re
from functools import cache

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS
from bm25s.stopwords import STOPWORDS_FRENCH
from bm25s.stopwords import STOPWORDS_SPANISH

from mutua.core.text import fold

WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
STOPWORDS = {
    "english": frozenset(STOPWORDS_EN_PLUS),
    "french": frozenset(fold(w) for w in STOPWORDS_FRENCH),
    "spanish": frozenset(fold(w) for w in STOPWORDS_SPANISH),
}
ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def words(text: str) -> list[str]:
    """Lower-case words of two letters or more, accents kept (the stemmers need them)."""
    return WORD.findall(text.casefold())


def language_of(found: list[str]) -> str:
    """The language whose stop words the words use most (English on a tie)."""
    folded = [fold(w) for w in found]
    hits = {lang: sum(w in stop for w in folded) for lang, stop in STOPWORDS.items()}
    return max(hits, key=lambda lang: (hits[lang], lang == "english"))


def tokens(text: str) -> list[str]:
    """The stems a text is ranked by, folded so that accents never matter."""
    found = words(text)
    kept = [w for w in found if fold(w) not in ALL_STOPWORDS]
    return [fold(stem) for stem in _stemmer(language_of(found)).stemWords(kept)]


class TextIndex:
    """BM25 over documents' stems (bm25s); with no words at all, every score is 0."""

    def __init__(self, documents: list[list[str]]):
        self.size = len(documents)
        self.bm25 = None
        if any(documents):
            self.bm25 = bm25s.BM25()
            self.bm25.index(documents, show_progress=False)

    def scores(self, query: list[str]) -> np.ndarray:
        if self.bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        return self.bm25.get_scores(query).astype(np.float32)
