"""Sentences and passages: cut a run of text without paragraph breaks into paragraph-sized units."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data"

_OPENERS = "\"“‘'(["
_CLOSERS = "\"”’')\\]"
_STARTS = r"[\"“‘'(\[]?[A-Z0-9\u00c0-\u024f]"


@cache
def _sentence_end() -> re.Pattern:
    """Where a sentence ends: terminal punctuation, closing quotes, space, a sentence start.

    A full stop does not end one after a known abbreviation ("Mr.", "Sen.", "Jan."), a single
    initial ("F.") or a dotted acronym ("U.S."). Fixed-width lookbehinds, one per abbreviation
    length, keep the whole test inside the regex engine: it runs over megabytes of records.
    """
    by_length: dict[int, list[str]] = {}
    for word in abbreviations():
        by_length.setdefault(len(word), []).append(re.escape(word))
    guards = "".join(
        rf"(?<![\s{re.escape(_OPENERS)}](?i:{'|'.join(sorted(words))})\.)" for _, words in sorted(by_length.items())
    )
    guards += rf"(?<![\s{re.escape(_OPENERS)}][A-Z]\.)(?<![.][A-Za-z]\.)"
    # The full stop is matched first so the lookbehinds run only where there is one.
    return re.compile(rf"(?:\.{guards}\.*|[!?…][.!?…]*)[{_CLOSERS}]*(?=\s+{_STARTS})")


PASSAGE_SENTENCES = 4  # aim; passages get 3 to 5 sentences, as even as the count allows


@cache
def abbreviations() -> frozenset[str]:
    lines = (_DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def split_sentences(text: str) -> list[str]:
    """Sentences of TEXT, knowing that "Mr.", "Sen.", "U.S." and initials do not end one."""
    # A leading space lets the lookbehinds see a word at the very start as a word.
    padded = " " + text
    ends = [match.end() - 1 for match in _sentence_end().finditer(padded)]
    sentences, start = [], 0
    for end in ends:
        sentences.append(text[start:end].strip())
        start = end
    sentences.append(text[start:].strip())
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
