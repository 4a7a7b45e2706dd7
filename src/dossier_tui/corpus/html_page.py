"""Saved web pages: trafilatura finds the main text and the page's title, outlet, date and author."""

from __future__ import annotations

import logging
from functools import cache

from dossier_tui.corpus.article_text import Metadata


@cache
def _trafilatura():
    # Imported on first use (it takes a third of a second). Its loggers get a handler of their
    # own so their notices about odd pages do not reach stderr: the loader reports what matters.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    import trafilatura

    return trafilatura


def extract_page(html: str) -> tuple[Metadata, str] | None:
    """The page's metadata and main text (one paragraph per line), or None when it has none."""
    document = _trafilatura().bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    if document is None or not (document.text or "").strip():
        return None
    meta = Metadata(
        title=document.title,
        source=document.sitename,
        date=document.date,
        url=document.url,
        author=document.author,
    )
    return meta, document.text
