"""Sentences and passages: cut a run of text without paragraph breaks into paragraph-sized units."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data"

# A candidate end: terminal punctuation, closing quotes or brackets, space, then something that
# can start a sentence (a capital, a digit, an opening quote or bracket).
_CANDIDATE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u00c0-\u024f])")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")

PASSAGE_SENTENCES = 4  # aim; passages get 3 to 5 sentences, as even as the count allows


@cache
def abbreviations() -> frozenset[str]:
    lines = (_DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def split_sentences(text: str) -> list[str]:
    """Sentences of TEXT, knowing that "Mr.", "Sen.", "U.S." and initials do not end one."""
    known = abbreviations()
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if match.group().startswith(".") and not match.group().startswith(".."):
            word_start = text.rfind(" ", start, match.start()) + 1
            word = text[word_start : match.start()].lstrip("\"“‘'([")
            if word.lower() in known or _ACRONYM.match(word + ".") or (len(word) == 1 and word.isupper()):
                continue
        end = match.end()
        sentences.append(text[start:end].strip())
        start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def split_passages(text: str) -> list[str]:
    """TEXT cut into passages of about four sentences (one passage when it is short)."""
    sentences = split_sentences(text)
    if len(sentences) <= PASSAGE_SENTENCES + 1:
        return [text.strip()]
    count = max(1, round(len(sentences) / PASSAGE_SENTENCES))
    size, extra = divmod(len(sentences), count)
    passages, at = [], 0
    for number in range(count):
        take = size + (1 if number < extra else 0)
        passages.append(" ".join(sentences[at : at + take]))
        at += take
    return passages
