"""Pure layout for the reading view: an article and its highlights -> blocks of styled rich Text.

No widgets here, so the rules are testable without a terminal. Offsets in a `Mark` are character
offsets into `Paragraph.text`; sanitising keeps one character for one character so they stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from dossier_tui.corpus.normalise import printable as clean  # the one sanitiser, by its name here
from dossier_tui.model import Article, Kind
from dossier_tui.provenance import UNKNOWN_SOURCE, display_source

_WORDS = re.compile(r"[^ \n]* *\n?")
_ASCII_WORD = re.compile(r"[^ ]+")

_OPENING_MARKS = "“\"«‘'„"

# Meaning never carried by colour alone: every kind also has an attribute or a label (see app.tcss).
MARK_KINDS = ("person", "place", "org", "group", "speech", "term", "hit", "hit-current", "shared", "annotation", "selection")


@dataclass(slots=True, frozen=True)
class Mark:
    """A highlighted range of one paragraph; `label` is shown before it (the speaker of a quote)."""

    paragraph: int
    start: int
    end: int
    kind: str
    label: str | None = None


@dataclass(slots=True, frozen=True)
class Block:
    """One unit of the reading view and of the paragraph cursor.

    kind: "header" (title and citation), "text" (one paragraph), "furniture" (one furniture paragraph
    shown), "hidden" (a run of furniture paragraphs folded into a marker).
    """

    key: int
    kind: str
    paragraphs: tuple[int, ...]

    @property
    def paragraph(self) -> int | None:
        return self.paragraphs[0] if self.paragraphs else None


def layout_blocks(article: Article, show_furniture: bool) -> list[Block]:
    blocks = [Block(-1, "header", ())]
    hidden: list[int] = []

    def fold() -> None:
        if hidden:
            blocks.append(Block(hidden[0], "hidden", tuple(hidden)))
            hidden.clear()

    for paragraph in article.paragraphs:
        if paragraph.kind == Kind.BOILERPLATE:
            if show_furniture:
                blocks.append(Block(paragraph.index, "furniture", (paragraph.index,)))
            else:
                hidden.append(paragraph.index)
            continue
        if paragraph.kind == Kind.HEADING and paragraph.text.strip() == article.title.strip():
            continue  # the header already shows the headline
        fold()
        blocks.append(Block(paragraph.index, "text", (paragraph.index,)))
    fold()
    return blocks


def header_text(article: Article, styles: Mapping[str, Style]) -> Text:
    """Title, then outlet · date · author, always all three (saying when one is not known)."""
    text = Text(clean(article.title), style=styles.get("title", Style(bold=True)))
    author = f"by {article.author}" if article.author else "author unknown"
    citation = " · ".join((display_source(article) or UNKNOWN_SOURCE, article.date or "undated", author))
    text.append("\n" + clean(citation), style=styles.get("meta", Style()))
    if article.url:
        text.append("\n" + clean(article.url), style=styles.get("meta", Style()))
    return text


def hidden_text(count: int, styles: Mapping[str, Style]) -> Text:
    noun = "block" if count == 1 else "blocks"
    return Text(f"┄ {count} page furniture {noun} hidden · f shows ┄", style=styles.get("furniture", Style()))


def paragraph_text(
    text: str, marks: Iterable[Mark], styles: Mapping[str, Style], *, furniture: bool = False, notes: tuple[str, ...] = ()
) -> Text:
    """One paragraph with its marks styled and speaker labels inserted before speech quotes; NOTES
    are lines shown under it (the annotations made on it)."""
    if notes:
        rich = paragraph_text(text, marks, styles, furniture=furniture)
        for line in notes:
            rich.append("\n" + clean(line), style=styles.get("note", Style(italic=True)))
        return rich
    plain = clean(text)
    rich = Text(plain, style=styles.get("furniture", Style()) if furniture else "")
    # Wider marks first, so a hit inside a quote stays visible on top of the quote style.
    for mark in sorted(marks, key=lambda m: (m.start - m.end, m.start)):
        start, end = max(0, mark.start), min(len(plain), mark.end)
        if start < end:
            rich.stylize(styles.get(mark.kind, Style()), start, end)
    labels = _labels(plain, marks)
    if not labels:
        return rich
    pieces = rich.divide(position for position, _ in labels)
    out = pieces[0].copy()
    for piece, (_, label) in zip(pieces[1:], labels, strict=True):
        out.append(label, style=styles.get("speaker", Style()))
        out.append_text(piece)
    return out


def shown_offset(text: str, marks: Iterable[Mark], offset: int) -> int:
    """Where character `offset` of the paragraph text lands in the shown text (labels inserted)."""
    return offset + sum(len(label) for position, label in _labels(clean(text), marks) if position <= offset)


def _labels(plain: str, marks: Iterable[Mark]) -> list[tuple[int, str]]:
    """(position, "[speaker] ") of each label, in order; a label goes before the opening quote
    mark when the quote's range leaves the mark out."""
    labels = []
    for mark in marks:
        start, end = max(0, mark.start), min(len(plain), mark.end)
        if mark.label is not None and start < end:
            position = start - 1 if start and plain[start - 1] in _OPENING_MARKS else start
            labels.append((position, f"[{clean(mark.label)}] "))
    return sorted(labels)


def marks_by_paragraph(marks: Iterable[Mark]) -> dict[int, tuple[Mark, ...]]:
    grouped: dict[int, list[Mark]] = {}
    for mark in marks:
        grouped.setdefault(mark.paragraph, []).append(mark)
    return {paragraph: tuple(items) for paragraph, items in grouped.items()}


def wrap_offsets(plain: str, width: int) -> list[int]:
    """Where to break `plain` into lines of at most `width` cells: greedy, at spaces, on newlines.

    Much cheaper than Rich's wrap (the reading view counts the lines of every paragraph to size
    itself); the styled lines are then cut at these offsets only for the rows on screen.
    """
    if plain.isascii() and "\n" not in plain:
        fast = _wrap_ascii(plain, width)
        if fast is not None:
            return fast
    breaks: list[int] = []
    column = 0
    for match in _WORDS.finditer(plain):
        word = match.group()
        if not word:
            break
        start = match.start()
        bare = word.rstrip(" \n")
        size = cell_len(bare) if not bare.isascii() else len(bare)
        if column and column + size > width:
            breaks.append(start)
            column = 0
        while size > width:  # a word longer than the line is cut
            cut = start + _fit(bare, width)
            breaks.append(cut)
            bare, start = bare[cut - start :], cut
            size = cell_len(bare)
        column += size + (len(word.rstrip("\n")) - len(word.rstrip(" \n")))
        if word.endswith("\n") and match.end() < len(plain):
            breaks.append(match.end())
            column = 0
    return breaks


def _wrap_ascii(plain: str, width: int) -> list[int] | None:
    """The same breaks for one-cell-per-character text, over word positions only (about 3x faster).
    None when a word is longer than the line (the general path cuts it)."""
    spans = [match.span() for match in _ASCII_WORD.finditer(plain)]
    if not spans:
        return []
    breaks: list[int] = []
    column = spans[0][0]
    ends = [start for start, _ in spans[1:]] + [len(plain)]
    for (start, end), following in zip(spans, ends, strict=True):
        size = end - start
        if size > width:
            return None
        if column and column + size > width:
            breaks.append(start)
            column = 0
        column += following - start
    return breaks


def _fit(word: str, width: int) -> int:
    """How many characters of `word` fit in `width` cells (at least one)."""
    used = 0
    for count, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(1, count)
    return len(word)
