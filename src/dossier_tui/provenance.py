"""The name to show for where an article comes from: one rule for every view and the CLI.

The corpus already sets `Article.source` from the file's metadata, else a republication credit,
else the masthead, else the url's host (see corpus.article_text). When all of those are missing,
the file's own name may still say it (`dw.com-2576`), or the folder it sits in (`bbc/…`), and in
a flat folder of bare-numbered files the folder that holds them all (`ukraine-news/00017.txt`: a
dossier gathered from one source is often named after it). A raw file id (`002_e4a5ddeb4f614bb8`,
`00017`) is never a source name: then there is none (None), and a view says UNKNOWN_SOURCE or shows
the title instead.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from dossier_tui.model import Article

UNKNOWN_SOURCE = "unknown source"

# The head of a file name before its first separator: `dw.com-2576` -> `dw.com`.
_HEAD = re.compile(r"^([^-_ ]+)[-_ ]")
# A name has letters, and is not a hash or a number with a letter or two (`e4a5ddeb`, `2023a`).
_HEXISH = re.compile(r"^[0-9a-f]+$", re.IGNORECASE)


def display_source(article: Article) -> str | None:
    """The outlet to show for `article`, or None when nothing names it (never the article's id)."""
    if article.source:
        return article.source
    if host := outlet_from_url(article.url):
        return host
    *folders, name = article.id.split("/")
    head = _HEAD.match(name)
    if head and _is_name(head.group(1)):
        return head.group(1)
    if folder := next((folder for folder in folders if _is_name(folder)), None):
        return folder
    # Numbered files (`00017.txt`) are a collection's export, named by their folder; a hashed
    # name (`002_e4a5…`) among files with metadata is not, and stays nameless.
    holder = os.path.basename(os.path.dirname(article.path))
    return holder if name.isdigit() and _is_name(holder) else None


def _is_name(text: str) -> bool:
    letters = sum(char.isalpha() for char in text)
    return letters >= 2 and not (_HEXISH.match(text) and any(char.isdigit() for char in text))


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without "www." ("www.bbc.co.uk" -> "bbc.co.uk")."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    for prefix in ("www.", "www1.", "www2.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    return host or None
