"""Which outlet an article comes from, for ranking (other outlets first) and corroboration."""

from __future__ import annotations

from urllib.parse import urlparse

from dossier_tui.model import Article


def outlet(article: Article) -> str:
    """The article's source, else its web site, else the article itself (an unknown outlet is
    never assumed to be the same as another one)."""
    if article.source:
        return article.source
    if article.url:
        host = urlparse(article.url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return article.id
