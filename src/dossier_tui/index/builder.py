"""Articles (and, when given, their analysis) -> index documents, written in one commit."""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Callable, Iterable

from dossier_tui.index.schema import ENTITY_FIELDS, TOKEN, type_field
from dossier_tui.model import Article, Kind

# Pool memory before Whoosh spills postings to disk. Measured (CPU time, cold build): 3,824 articles
# take about the same at 256 MB and 1 GB (13-18 s); 10,000 take 52 s at 256 MB with a 463 MB peak
# RSS against ~45 s and 786 MB at 1 GB. A reader on a laptop keeps the memory.
WRITER_LIMIT_MB = 256


def entity_fields(article_id: str, analysis) -> dict[str, str]:
    """person/place/org/speaker text: each canonical name with all its aliases, one per line."""
    if analysis is None:
        return {}
    names: dict[str, set[str]] = {name: set() for name in ENTITY_FIELDS}
    for mention in analysis.mentions_in(article_id):
        field = type_field(mention.type)
        if field:
            names[field].add(mention.entity)
    for quote in analysis.quotes_in(article_id):
        if quote.speaker:
            names["speaker"].add(quote.speaker)
    out = {}
    for field, canonical in names.items():
        forms: set[str] = set()
        for name in canonical:
            entity = analysis.entity(name)
            forms.add(name)
            forms.update(entity.aliases if entity is not None else ())
        if forms:
            out[field] = "\n".join(sorted(forms))
    return out


def entities_key(fields: Iterable[dict[str, str]]) -> str:
    digest = hashlib.sha1()
    for one in fields:
        for name in sorted(one):
            digest.update(f"{name}\0{one[name]}\0".encode())
    return digest.hexdigest()[:16]


def record(article: Article, analysis) -> bytes:
    """What a hit needs to show its snippet and highlights: the article and its mentions."""
    mentions = analysis.mentions_in(article.id) if analysis is not None else []
    return zlib.compress(pickle.dumps((article, mentions), protocol=pickle.HIGHEST_PROTOCOL), 1)


def read_record(data: bytes) -> tuple[Article, list]:
    return pickle.loads(zlib.decompress(data))


def document(article: Article, file_key: str, entities: dict[str, str], analysis=None) -> dict:
    # The title also leads the body, twice: a bare word is then one posting list instead of two
    # (title and body; measured on 10,000 articles: "trump adm" 21 -> 14 ms in Whoosh), and the
    # title's words weigh more through their term frequency.
    body = "\n\n".join([article.title, article.title, *(p.text for p in article.paragraphs if p.kind == Kind.BODY)])
    doc = {
        "id": article.id,
        "file": file_key,
        "title": article.title,
        "title_start": "\n".join([article.title, *entities.values()]),
        "body": body,
        "record": record(article, analysis),
        **entities,
    }
    if article.source:
        doc["source"] = article.source
    if article.date:
        doc["date"] = article.date
    return doc


def write(
    writer,
    articles: list[tuple[Article, str, dict[str, str]]],
    vocabulary: set[str],
    on_progress: Callable[[int, int], None] | None = None,
    analysis=None,
) -> None:
    """Add (article, file key, entity fields) to an open writer; collect their words for prefixes."""
    total = len(articles)
    for done, (article, file_key, entities) in enumerate(articles, 1):
        doc = document(article, file_key, entities, analysis)
        writer.add_document(**doc)
        vocabulary.update(TOKEN.findall(doc["body"].lower()))
        if on_progress is not None and (done % 25 == 0 or done == total):
            on_progress(done, total)
