"""Words with their character offsets, folded so that reproduced text matches its source.

Quote marks, ellipses, dashes, brackets ("[the]") and other punctuation are not words, so they
never break a match; case, accents and curly apostrophes are folded away.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_STOPWORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "related_stopwords.txt"


@cache
def fold(word: str) -> str:
    """casefold, strip accents, one apostrophe: "Lukashenka’s" -> "lukashenka's"."""
    word = word.casefold().replace("’", "'").replace("ʼ", "'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_text(text: str) -> str | None:
    """The text folded as a whole, when that folds every word as `fold` does and keeps every
    offset (ASCII after folding, same length); None otherwise."""
    folded = text.casefold().replace("’", "'").replace("ʼ", "'")
    return folded if folded.isascii() and len(folded) == len(text) else None


def words(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) for every word of `text`, offsets into `text`."""
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


@cache
def term(word: str) -> str | None:
    """The content term of a folded word for "similar" matching (stemmed), None for a stopword."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in stopwords():
        return None
    from whoosh.lang.porter import stem

    return stem(word.replace("'", ""))


@cache
def stopwords() -> frozenset[str]:
    lines = _STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
