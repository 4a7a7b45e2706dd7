"""A passage being selected from the keyboard in the reading view: pure positions, no widgets.

A position is (paragraph, character offset); a selection starts on the first word of the paragraph
under the cursor and its ends move by word, sentence or paragraph over the paragraphs the reader
shows as text (headings and body; furniture only when shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier_tui.model import Article

Position = tuple[int, int]

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")


@dataclass(slots=True)
class Selection:
    """From `start` to `end` (end exclusive). One end is active (`o` swaps): the start moves over word,
    sentence and paragraph starts, the end over their ends; a start pushed past the end brings the
    end along (the selection becomes the next word), an end never moves onto the start."""

    article: Article
    paragraphs: list[int]  # the paragraphs the selection may cover, in order
    start: Position
    end: Position
    moving_start: bool = False

    @classmethod
    def begin(cls, article: Article, paragraphs: list[int], paragraph: int) -> Selection | None:
        """A selection of the first word of `paragraph` (None when it has no words)."""
        first = _WORD.search(article.paragraphs[paragraph].text)
        if first is None or paragraph not in paragraphs:
            return None
        return cls(article, paragraphs, (paragraph, first.start()), (paragraph, first.end()))

    def text(self) -> str:
        return "\n\n".join(self.article.paragraphs[p].text[s:e] for p, s, e in self.spans())

    def words(self) -> int:
        return len(self.text().split())

    def spans(self) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of each paragraph part, for highlighting."""
        (p1, s), (p2, e) = self.start, self.end
        out = []
        for p in self.paragraphs:
            if p1 <= p <= p2:
                length = len(self.article.paragraphs[p].text)
                out.append((p, s if p == p1 else 0, e if p == p2 else length))
        return out

    def swap(self) -> None:
        self.moving_start = not self.moving_start

    # -- moving the active end -----------------------------------------------------------------

    def word(self, forward: bool) -> None:
        self._move(forward, _word_starts, _word_ends)

    def sentence(self, forward: bool) -> None:
        self._move(forward, _sentence_starts, _sentence_ends)

    def paragraph(self, forward: bool) -> None:
        self._move(forward, lambda text: [0], lambda text: [len(text)])

    def _move(self, forward: bool, starts, ends) -> None:
        if self.moving_start:
            target = self._next(self.start, forward, starts)
            if target is None:
                return
            self.start = target
            if self.start >= self.end:  # pushed past the end: the end follows to the end of that unit
                self.end = self._next(self.start, True, ends) or self.end
        else:
            target = self._next(self.end, forward, ends)
            if target is not None and target > self.start:
                self.end = target

    def _next(self, position: Position, forward: bool, stops) -> Position | None:
        """The first stop after (forward) or before `position`, across paragraphs; None at the edge."""
        paragraph, at = position
        index = self.paragraphs.index(paragraph)
        while True:
            text = self.article.paragraphs[paragraph].text
            found = sorted({c for c in stops(text) if (c > at if forward else c < at)})
            if found:
                return paragraph, found[0] if forward else found[-1]
            index += 1 if forward else -1
            if not 0 <= index < len(self.paragraphs):
                return None
            paragraph = self.paragraphs[index]
            at = -1 if forward else len(self.article.paragraphs[paragraph].text) + 1


def _word_starts(text: str) -> list[int]:
    return [m.start() for m in _WORD.finditer(text)]


def _word_ends(text: str) -> list[int]:
    return [m.end() for m in _WORD.finditer(text)]


def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text.rstrip())]


def _sentence_starts(text: str) -> list[int]:
    found = [len(text) - len(text.lstrip())]
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end() :]
        if rest.strip():
            found.append(m.end() + len(rest) - len(rest.lstrip()))
    return found
