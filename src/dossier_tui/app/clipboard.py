"""Copying a passage with its citation (outlet, title, date, url) for pasting into notes."""

from __future__ import annotations

from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article


def citation(article: Article, text: str) -> str:
    parts = [part for part in (article.source, f"“{article.title}”", article.date, article.url) if part]
    return f"“{clean(text).strip()}”\n— {clean(', '.join(parts))}"
