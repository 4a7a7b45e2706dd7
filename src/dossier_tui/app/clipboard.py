"""Copying a passage with its citation (outlet, title, date, url) for pasting into notes."""

from __future__ import annotations

from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article
from dossier_tui.provenance import display_source

_OPENING = "“\"«‘'„"
_CLOSING = "”\"»’'“"


def citation(article: Article, text: str) -> str:
    parts = [part for part in (display_source(article), quoted(article.title), article.date, article.url) if part]
    return f"{quoted(text)}\n— {clean(', '.join(parts))}"


def quoted(text: str) -> str:
    """TEXT in quote marks, unless it opens or closes with its own (a paragraph of quoted speech
    was copied as `““…”` or `“…””`)."""
    text = clean(text).strip()
    if text[:1] in tuple(_OPENING) or text[-1:] in tuple(_CLOSING):
        return text
    return f"“{text}”"
