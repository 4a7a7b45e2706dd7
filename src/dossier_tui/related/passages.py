"""Articles -> passages, the units that are linked: body paragraphs, with very short ones joined
to a neighbour and very long ones cut into windows of whole sentences.

A passage is a list of character ranges (paragraph, start, end) and its folded words; the words'
own offsets are recomputed only for the few passages a view highlights (`passage_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from sys import intern

from dossier_tui.model import Article
from dossier_tui.related.normalise import WORD, fold, fold_text

# In words. A paragraph shorter than SHORT joins the next one (a one-line "He added:" is not a
# passage on its own); one longer than LONG is cut into windows of about WINDOW words.
SHORT = 12
LONG = 110
WINDOW = 60

_SENTENCE_END = re.compile(r"[.!?…][\"”’'\)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")

Segment = tuple[int, int, int]  # (paragraph index, start, end)
Word = tuple[str, int, int, int]  # (folded word, paragraph index, start, end)


@dataclass(slots=True)
class Passage:
    article_id: str
    number: int  # position within the article
    segments: list[Segment]
    texts: list[str]  # folded words, in order

    @property
    def paragraphs(self) -> list[int]:
        return sorted({segment[0] for segment in self.segments})


def article_passages(article: Article) -> list[Passage]:
    units: list[tuple[list[Segment], list[str]]] = []
    pending: tuple[list[Segment], list[str]] = ([], [])
    for paragraph in article.body:
        text = paragraph.text
        # A paragraph that may be long is read sentence by sentence, once: its windows are
        # cut from the same words.
        folded = fold_text(text)
        sentences = _sentences(text, folded) if text.count(" ") >= LONG else None
        found = [w for _, words in sentences for w in words] if sentences else _words(text, folded, 0, len(text))
        if not found:
            continue
        if len(pending[1]) + len(found) < SHORT:
            pending[0].append((paragraph.index, 0, len(text)))
            pending[1].extend(found)
            continue
        if len(found) > LONG:
            windows = _windows(text, paragraph.index, sentences or _sentences(text, folded))
        else:
            windows = [([(paragraph.index, 0, len(text))], found)]
        windows[0] = (pending[0] + windows[0][0], pending[1] + windows[0][1])
        pending = ([], [])
        units.extend(windows)
    if pending[1]:
        if units:
            units[-1][0].extend(pending[0])
            units[-1][1].extend(pending[1])
        else:
            units.append(pending)
    return [Passage(article.id, n, segments, texts) for n, (segments, texts) in enumerate(units)]


def passage_words(passage: Passage, article: Article) -> list[Word]:
    """The passage's words with their offsets in `Paragraph.text`."""
    texts = {p.index: p.text for p in article.paragraphs}
    return [
        (fold(m.group()), index, m.start(), m.end())
        for index, start, end in passage.segments
        for m in WORD.finditer(texts[index], start, end)
    ]


def _words(text: str, folded: str | None, start: int, end: int) -> list[str]:
    """The folded words of text[start:end]; `folded`: fold_text(text)."""
    if folded is not None:
        # Interned, as fold's cache gives them: one string per distinct word in memory and in
        # the stored features (pickled once each, not once per occurrence).
        return list(map(intern, WORD.findall(folded, start, end)))
    return list(map(fold, WORD.findall(text, start, end)))


def _sentences(text: str, folded: str | None) -> list[tuple[int, list[str]]]:
    """(end, folded words) of each sentence of a paragraph."""
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    return [(end, _words(text, folded, start, end)) for start, end in zip(cuts, cuts[1:])]


def _windows(text: str, index: int, sentences: list[tuple[int, list[str]]]) -> list[tuple[list[Segment], list[str]]]:
    """Cut a long paragraph into runs of whole sentences of about WINDOW words."""
    windows: list[tuple[list[Segment], list[str]]] = []
    start, texts = 0, []
    for sentence_end, words in sentences:
        texts += words
        if len(texts) >= WINDOW:
            windows.append(([(index, start, sentence_end)], texts))
            start, texts = sentence_end, []
    if texts:
        if windows and len(texts) < WINDOW // 2:
            first = windows[-1][0][0][1]
            windows[-1] = ([(index, first, len(text))], windows[-1][1] + texts)
        else:
            windows.append(([(index, start, len(text))], texts))
    return windows
