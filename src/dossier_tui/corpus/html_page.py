"""Saved web pages: trafilatura finds the main text and the page's title, outlet, date and author.

The text is taken from the structure trafilatura finds (its paragraphs, headings, lists, quotes
and tables), never from the line breaks of the page's source: a paragraph wrapped over twelve
source lines is one paragraph. The title is cleaned of the site's name and sections ("… | CNN
Politics", "… » Local » Noticias » Ultima Hora Mallorca"), and the author kept only when it is
someone's name.
"""

from __future__ import annotations

import html as html_entities
import logging
import re
import warnings
from dataclasses import dataclass
from functools import cache

from dossier_tui.corpus.article_text import Metadata
from dossier_tui.corpus.page_names import clean_author, clean_title

# Block elements of trafilatura's output and what each is to the article.
_BLOCK_TAGS = {"p": "p", "head": "head", "list": "list", "quote": "quote", "table": "table", "code": "p"}


@dataclass(slots=True)
class Page:
    meta: Metadata
    text: str  # blocks separated by blank lines, line breaks inside a block where the page has them
    tags: list[str]  # each block's element: "p", "head", "list", "quote" or "table"


@cache
def _trafilatura():
    # Imported on first use (it takes a third of a second). Its loggers get a handler of their
    # own so their notices about odd pages do not reach stderr: the loader reports what matters.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    import trafilatura

    return trafilatura


def extract_page(html: str) -> Page | None:
    """The page's metadata and main text, or None when it has none."""
    trafilatura = _trafilatura()
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    headlines = [_inline(h) for h in tree.iter("h1")][:5]
    site_names = [value for value in tree.xpath('//meta[@property="og:site_name"]/@content')[:1]]
    with warnings.catch_warnings():
        # htmldate asks dateutil about time zones ("EST") it cannot place; only the day is kept.
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
        )
    if document is None or document.body is None:
        return None
    blocks, tags = [], []
    for element in document.body:
        tag = _BLOCK_TAGS.get(element.tag, "p")
        text = _block_text(element)
        if text:
            blocks.append(text)
            tags.append(tag)
    if not blocks:
        return None
    site_names += [name for name in (document.sitename, document.hostname) if name]
    meta = Metadata(
        title=clean_title(title, site_names, headlines) if (title := _unescape(document.title)) else None,
        source=_unescape(document.sitename),
        date=document.date,
        url=document.url,
        author=clean_author(_unescape(document.author), site_names),
    )
    return Page(meta, "\n\n".join(blocks), tags)


def _unescape(value: str | None) -> str | None:
    """HTML entities decoded, twice escaped ones too ("&amp;#039;" -> "'")."""
    if value is None:
        return None
    for _ in range(2):
        if "&" not in value:
            break
        value = html_entities.unescape(value)
    return value


def _inline(element) -> str:
    """An element's text on one line, source line breaks and runs of spaces collapsed."""
    return " ".join("".join(element.itertext()).split())


def _block_text(element) -> str:
    """One block's text: list items and table rows one per line, <lb/> a line break."""
    if element.tag == "list":
        items = [_lines(item) for item in element.iter("item")]
        return "\n".join(f"- {item}" for item in items if item)
    if element.tag == "table":
        rows = [" · ".join(cell for c in row.iter("cell") if (cell := _inline(c))) for row in element.iter("row")]
        return "\n".join(row for row in rows if row)
    return _lines(element)


def _lines(element) -> str:
    """The element's text with its <lb/> breaks kept and the source's own line breaks folded."""
    parts: list[str] = []
    for piece in _pieces(element):
        parts.append(piece)
    lines = (" ".join(line.split()) for line in re.split(r"\x00", "".join(parts)))
    return "\n".join(line for line in lines if line)


def _pieces(element):
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "lb":
            yield "\x00"
        else:
            yield from _pieces(child)
        if child.tail:
            yield child.tail
