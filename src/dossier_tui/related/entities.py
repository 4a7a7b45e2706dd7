"""Entity mentions of a passage, from the analysis when there is one (it is optional: without
it, "similar" links rest on words alone)."""

from __future__ import annotations

import hashlib

from dossier_tui.model import Article
from dossier_tui.related.passages import Passage

Mention = tuple[int, int, int, str]  # (paragraph, start, end, canonical entity name)


def article_mentions(analysis, article_id: str) -> list[Mention]:
    if analysis is None:
        return []
    return [(m.paragraph, m.start, m.end, m.entity) for m in analysis.mentions_in(article_id)]


def passage_mentions(passage: Passage, mentions: list[Mention]) -> list[Mention]:
    """The mentions that fall inside the passage's text."""
    found: list[Mention] = []
    for paragraph, start, end in passage.segments if mentions else ():
        found += [m for m in mentions if m[0] == paragraph and start <= m[1] and m[2] <= end]
    return found


def entity_names(analysis, article_id: str) -> list[str]:
    """The canonical names of the entities an article mentions (they change when the dossier's
    alias clusters or aliases.yaml change, and so do the article's "similar" links)."""
    if analysis is None:
        return []
    return sorted({m.entity for m in analysis.mentions_in(article_id)})


def article_key(article: Article, names: list[str]) -> str:
    """Changes when the article's text or its entities change: its links must then be redone."""
    # The body paragraphs themselves, not Article.digest: a loader that classifies furniture
    # differently changes the passages without changing the file.
    digest = hashlib.sha1()
    for paragraph in article.body:
        digest.update(f"{paragraph.index}\0{paragraph.text}\0".encode("utf-8", "surrogatepass"))
    digest.update("\0".join(names).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
