"""Finding quotations: curly and straight double quotes, guillemets, single quotes when nested or
used as a page's quote marks (apostrophes are not quotes), and quotes that run over several
paragraphs (a paragraph ending inside a quote continues when the next one opens with a quote mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile(r"[“”\"«»„‘’']")
_OPENERS = "“«„"
_CLOSERS = "”»"
_BEFORE_OPENER = " \t\n([{—–-/“\"‘:"
_AFTER_CLOSER = " \t\n.,;:!?)]}—–-”\"…"
# Single-quoted phrases used as quote marks are short; a longer span is more likely two apostrophes.
_SINGLE_MAX = 200
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@dataclass(slots=True)
class RawQuote:
    """A quotation's place in the text: spans are (paragraph, start, end) inside the marks."""

    spans: list[tuple[int, int, int]]
    text: str
    closed: bool = True
    speaker: int | None = None  # index of the speaker's mention in the article's mention list
    cue: str | None = None
    kind: str = "term"

    def to_row(self) -> list:
        return [[list(s) for s in self.spans], self.text, self.speaker, self.cue, self.kind]

    @classmethod
    def from_row(cls, row: list) -> RawQuote:
        spans, text, speaker, cue, kind = row
        return cls([tuple(s) for s in spans], text, True, speaker, cue, kind)


def _single_opener(text: str, i: int) -> bool:
    return (i == 0 or text[i - 1] in _BEFORE_OPENER) and i + 1 < len(text) and text[i + 1].isalnum()


def _single_closer(text: str, i: int) -> bool:
    after_ok = i + 1 >= len(text) or text[i + 1] in _AFTER_CLOSER
    return after_ok and i > 0 and not text[i - 1].isspace()


def _find_single_close(text: str, start: int, limit: int) -> int | None:
    for m in _MARKS.finditer(text, start, min(limit, start + _SINGLE_MAX)):
        if m.group() in "’'" and _single_closer(text, m.start()):
            return m.start()
        if m.group() in "“”\"«»":
            return None
    return None


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the top-level quotations in one paragraph, inside the marks."""
    found: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    skip_to = 0
    for m in _MARKS.finditer(text):
        i, mark = m.start(), m.group()
        if i < skip_to:
            continue
        if open_at is None:
            if mark in _OPENERS or (mark == '"' and (i == 0 or text[i - 1] in _BEFORE_OPENER) and i + 1 < len(text)
                                    and not text[i + 1].isspace()):
                open_at = i
            elif mark in "‘'" and _single_opener(text, i):
                close = _find_single_close(text, i + 1, len(text))
                if close is not None:
                    found.append((i + 1, close, True))
                    skip_to = close + 1
        else:
            after = text[i + 1] if i + 1 < len(text) else " "
            if mark == '"' and after.isalnum() and text[i - 1].isspace() and text[:i].rstrip()[-1:] in ".!?":
                # A new quote opening after a finished sentence: the text had a paragraph
                # break here that was lost ("...actions. "We will...").
                found.append((open_at + 1, len(text[:i].rstrip()), True))
                open_at = i
            elif mark in _CLOSERS or mark == '"' or (mark == "“" and (after in _AFTER_CLOSER)):
                found.append((open_at + 1, i, True))
                open_at = None
    if open_at is not None:
        found.append((open_at + 1, len(text), False))
    return [(s, e, closed) for s, e, closed in found if text[s:e].strip()]


def _opens_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and (stripped[0] in _OPENERS or stripped[0] in "\"‘'")


def find_quotes(paragraphs: list[tuple[int, str]]) -> list[RawQuote]:
    """Quotations in the analysed paragraphs, multi-paragraph quotes as one."""
    quotes: list[RawQuote] = []
    carrying: RawQuote | None = None
    for index, text in paragraphs:
        spans = quote_spans(text)
        for n, (start, end, closed) in enumerate(spans):
            if carrying is not None and n == 0 and _opens_with_quote(text):
                carrying.spans.append((index, start, end))
                carrying.text += "\n" + text[start:end]
            else:
                carrying = None
                quotes.append(RawQuote([(index, start, end)], text[start:end]))
            current = quotes[-1] if carrying is None else carrying
            current.closed = closed
            carrying = current if not closed else None
        if not spans:
            carrying = None
    texts = dict(paragraphs)
    for quote in quotes:
        if not quote.closed and len(quote.spans) == 1:
            _end_at_sentence(quote, texts[quote.spans[0][0]])
        quote.text = quote.text.strip().rstrip(",").strip()
    return quotes


def _end_at_sentence(quote: RawQuote, text: str) -> None:
    """A quote left open at a paragraph's end that no next paragraph continues is a typo for
    a short one ("a “state of the ‘Union’ vaguely defined."): keep its first sentence."""
    p, start, end = quote.spans[0]
    m = _SENTENCE_END.search(text, start, end)
    if m:
        quote.spans[0] = (p, start, m.start() + 1)
        quote.text = text[start:m.start() + 1]
