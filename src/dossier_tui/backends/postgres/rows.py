"""A dossier, opened by the local pipeline, as the rows of its published tables (`schema.py`).

Each row carries the digest of its content (`hash`) so that `publish` writes only rows whose
content changed. Positions (list order, entity rank) are kept out of the digests: one article
added at the top renumbers the list without rewriting every article.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections import Counter
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier_tui.backends.postgres.schema import FIELD_PREFIX, SCORED_FIELDS, TITLE_START
from dossier_tui.index.schema import TOKEN, stem, words
from dossier_tui.model import Article, Kind
from dossier_tui.provenance import display_source

# Related links kept per paragraph: the related index's own cut (corroboration reads this many).
STORED_LINKS = 20
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position (larger ones are clamped)
MAX_POSITIONS = 256  # positions PostgreSQL keeps per lexeme


def digest(*parts: object) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def quote_lexeme(lexeme: str) -> str:
    """A lexeme as tsvector/tsquery input writes it: in single quotes, ' and \\ escaped."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class _Vector:
    """Lexemes with positions and a weight, written as tsvector input text."""

    def __init__(self) -> None:
        self.positions: dict[str, list[str]] = {}
        self.at = 0

    def add(self, lexemes: Iterable[str], weight: str = "", gap: int = 0) -> None:
        self.at += gap
        for lexeme in lexemes:
            self.at += 1
            found = self.positions.setdefault(lexeme, [])
            if len(found) < MAX_POSITIONS:
                found.append(f"{min(self.at, MAX_POSITION)}{weight}")

    def text(self) -> str:
        return " ".join(f"{quote_lexeme(lexeme)}:{','.join(at)}" for lexeme, at in self.positions.items())


def body_vector(article: Article, entity_fields: dict[str, str]) -> str:
    """The article's one search vector: fielded names first (short), then the title's stems
    (weight A), then the body's (D), so a long body cannot push the names past the last position."""
    vector = _Vector()
    for field, text in sorted(entity_fields.items()):
        for line in text.split("\n"):
            vector.add((FIELD_PREFIX[field] + w for w in words(line)), "B", gap=1)
    starts = [article.title, *entity_fields.values()]
    heads = dict.fromkeys(TITLE_START + w[:n] for text in starts for w in words(text) for n in (1, 2) if len(w) >= n)
    vector.add(heads, "C", gap=1)
    if article.source:
        vector.add((FIELD_PREFIX["source"] + w for w in words(article.source)), "C", gap=1)
    # The title twice, as the local index's body field has it: BM25 counts its words twice.
    vector.add(_stems(article.title) * 2, "A", gap=1)
    for paragraph in article.paragraphs:
        if paragraph.kind == Kind.BODY:
            vector.add(_stems(paragraph.text), "", gap=0)
    return vector.text()


def lengths(article: Article, entity_fields: dict[str, str]) -> list[int]:
    """The field lengths BM25 normalises by (`schema.SCORED_FIELDS`), as the local index counts
    them: the body field is the title twice, then the body."""
    title = len(_stems(article.title))
    body = 2 * title + sum(len(_stems(p.text)) for p in article.paragraphs if p.kind == Kind.BODY)
    return [body, title, *(len(words(entity_fields.get(name, ""))) for name in SCORED_FIELDS[2:])]


def paragraph_vector(text: str) -> str:
    vector = _Vector()
    vector.add(_stems(text))
    return vector.text()


@lru_cache(maxsize=4096)
def _stems(text: str) -> tuple[str, ...]:
    """The stemmed terms of TEXT (the local index's): an article's vector, lengths and paragraph
    rows each ask for its paragraphs' in turn."""
    return tuple(t for t in (stem(m.group().lower()) for m in TOKEN.finditer(text)) if t)


@dataclass(slots=True)
class Rows:
    """Every table's rows, keyed as in the database; `hash` last in each row that has one."""

    articles: dict[str, tuple] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    # article id -> (paragraph rows, hash) and (mention rows, quote rows, hash)
    paragraphs: dict[str, tuple[list[tuple], str]] = field(default_factory=dict)
    analysis: dict[str, tuple[list[tuple], list[tuple], str]] = field(default_factory=dict)
    entities: dict[tuple[str, str], tuple] = field(default_factory=dict)
    entity_positions: dict[tuple[str, str], int] = field(default_factory=dict)
    aliases: dict[str, tuple] = field(default_factory=dict)
    links: dict[tuple[str, int], tuple] = field(default_factory=dict)
    clusters: dict[int, tuple] = field(default_factory=dict)
    passage_terms: dict[str, tuple] = field(default_factory=dict)
    vocabulary: dict[str, tuple] = field(default_factory=dict)
    stems: dict[str, tuple] = field(default_factory=dict)
    impacts: dict[tuple[str, str], tuple] = field(default_factory=dict)
    passage_count: int = 0
    average_lengths: list[float] = field(default_factory=list)  # of SCORED_FIELDS, for BM25
    counts: dict[str, int] = field(default_factory=dict)


def publish_stamp(workspace) -> str:
    """What the rows are made of: every file's content, the alias files, the code. The same stamp
    as the published version's: nothing to build or send."""
    from dossier_tui.analysis.cache import aliases_digest
    from dossier_tui.code_stamp import code_stamp

    files = sorted((path, stamp.sha1) for path, stamp in workspace.dossier.files.items())
    return digest(files, aliases_digest(workspace.dossier.root), code_stamp("."), workspace.follow_links)


def build_rows(workspace, on_progress=None) -> Rows:
    """The rows of an opened workspace (every stage run)."""
    from dossier_tui.index.builder import entity_fields

    dossier, analysis, related = workspace.dossier, workspace.analysis, workspace.related
    rows = Rows()
    quotes_by_article: dict[str, int] = {}
    fielded: dict[str, int] = {}  # article frequency of the names' lexemes (`p:lukashenko`), for BM25
    for position, article in enumerate(dossier.articles):
        quotes = analysis.quotes_in(article.id) if analysis is not None else []
        quotes_by_article[article.id] = len(quotes)
        fields = entity_fields(article.id, analysis)
        for lexeme in {FIELD_PREFIX[name] + w for name, text in fields.items() for w in words(text)}:
            fielded[lexeme] = fielded.get(lexeme, 0) + 1
        row = (
            article.id, article.path, article.title, article.source, display_source(article), article.date,
            article.url, article.author, article.digest, len(article.paragraphs), len(quotes),
            len(related.same_text_paragraphs(article.id)), body_vector(article, fields), lengths(article, fields),
        )
        rows.articles[article.id] = (*row, digest(row))
        rows.positions[article.id] = position
        paragraphs = [(article.id, p.index, str(p.kind), p.text, p.flow, paragraph_vector(p.text)) for p in article.paragraphs]
        rows.paragraphs[article.id] = (paragraphs, digest(paragraphs))
        mentions = [
            (article.id, n, m.paragraph, m.start, m.end, m.surface, m.entity, str(m.type), m.role)
            for n, m in enumerate(analysis.mentions_in(article.id) if analysis is not None else [])
        ]
        quote_rows = [
            (article.id, n, q.paragraph, q.start, q.end, q.text, q.speaker, q.cue, q.kind,
             json.dumps([{"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in q.spans]))
            for n, q in enumerate(quotes)
        ]
        rows.analysis[article.id] = (mentions, quote_rows, digest(mentions, quote_rows))
        _links(rows, related, article)
        if on_progress is not None:
            on_progress("rows", position + 1, len(dossier.articles))
    if analysis is not None:
        _entities(rows, analysis)
    for position, cluster in enumerate(related.quote_clusters()):
        data = json.dumps(cluster.to_json(), ensure_ascii=False)
        rows.clusters[position] = (position, data, digest(data))
    rows.passage_terms = {t: (t, df) for t, df in related._term_df.items()}
    rows.passage_count = related._passage_count
    count = max(1, len(rows.articles))
    rows.average_lengths = [sum(row[13][n] for row in rows.articles.values()) / count or 1.0 for n in range(len(SCORED_FIELDS))]
    _vocabulary(rows, dossier.articles, fielded)
    _impacts(rows, dossier.articles, analysis)
    rows.counts = {
        "articles": len(dossier.articles),
        "entities": len(analysis.entities) if analysis is not None else 0,
        "quotes": len(analysis.quotes) if analysis is not None else 0,
    }
    return rows


def _links(rows: Rows, related, article: Article) -> None:
    from dossier_tui.related.corroboration import corroborate

    for paragraph in article.paragraphs:
        links = related.links(article.id, paragraph.index, STORED_LINKS)
        if not links:
            continue
        carriers = {link.article_id: related.dossier.get(link.article_id) for link in links if link.kind == "same"}
        corroboration = corroborate(article, list(carriers.values()))
        data = (json.dumps([link.to_json() for link in links], ensure_ascii=False), json.dumps(corroboration.to_json(), ensure_ascii=False))
        rows.links[article.id, paragraph.index] = (article.id, paragraph.index, *data, digest(data))


def _entities(rows: Rows, analysis) -> None:
    from dossier_tui.analysis.transliteration import fold
    from dossier_tui.index.schema import type_field

    for position, entity in enumerate(analysis.entities):
        named = (str(entity.type), entity.name)
        fields = (named[0], named[1], entity.count, list(entity.aliases), list(entity.articles))
        rows.entities[named] = (*fields, digest(fields))
        rows.entity_positions[named] = position
    # The alias lookup as the analysis answers it: the most mentioned entity wins a shared alias
    # (`Analysis._by_alias`); `bridge`: a one-word spelling that only some of the entity's
    # spellings have finds the others through its field (`index.searcher._alias_bridge`).
    for entity in reversed(analysis.entities):
        spellings = [words(alias) for alias in entity.aliases]
        field = type_field(entity.type)
        for alias in [entity.name, *entity.aliases]:
            key = fold(alias)
            tokens = words(alias)
            bridge = (
                field is not None and len(tokens) == 1
                and not all(tokens[0] in s for s in spellings) and any(tokens[0] in s for s in spellings)
            )
            row = (key, str(entity.type), entity.name, words(entity.name), bridge)
            rows.aliases[key] = (*row, digest(row))
    # A surname alone names the one person who has it (`Analysis.entity`'s skeleton lookup).
    surnames: dict[str, list] = {}
    for entity in analysis.entities:
        if str(entity.type) == "PERSON":
            for alias in {a.split()[-1] for a in [entity.name, *entity.aliases] if a.split()}:
                surnames.setdefault(fold(alias), []).append((entity, alias))
    for key, found in surnames.items():
        if len({id(e) for e, _ in found}) != 1 or key in rows.aliases:
            continue
        entity, alias = found[0]
        spellings = [words(a) for a in entity.aliases]
        token = words(alias)[0] if words(alias) else ""
        bridge = not all(token in s for s in spellings) and any(token in s for s in spellings)
        row = (key, str(entity.type), entity.name, words(entity.name), bridge)
        rows.aliases[key] = (*row, digest(row))


def _vocabulary(rows: Rows, articles: list[Article], fielded: dict[str, int]) -> None:
    """Every word of titles and bodies with its stem, and each stem's article frequency: what the
    word being typed expands to (`index.searcher.Searcher.expand`); with the names' lexemes, what
    BM25 weighs terms by."""
    frequency: dict[str, int] = {}
    vocabulary: dict[str, str] = {}
    for article in articles:
        found: set[str] = set()
        for text in [article.title, *(p.text for p in article.paragraphs if p.kind == Kind.BODY)]:
            for word in words(text):
                term = stem(word)
                if term is None:
                    continue
                vocabulary[word] = term
                found.add(term)
        for term in found:
            frequency[term] = frequency.get(term, 0) + 1
    rows.vocabulary = {w: (w, s) for w, s in vocabulary.items()}
    rows.stems = {s: (s, n) for s, n in (frequency | fielded).items()}


# Articles kept per term in `impacts` (schema.py): a term in fewer articles is searched whole.
CHAMPIONS = 200
K1, B = 1.2, 0.75


def _impacts(rows: Rows, articles: list[Article], analysis) -> None:
    """The champion lists of the frequent terms: body stems and name lexemes (`p:trump`)."""
    from dossier_tui.index.builder import entity_fields

    frequent = {term for term, (_, df) in rows.stems.items() if df > CHAMPIONS}
    averages = rows.average_lengths
    found: dict[str, list[tuple[float, str, int, int]]] = {term: [] for term in frequent}
    for article in articles:
        length = rows.articles[article.id][13]
        counts = Counter(_stems(article.title) * 2)
        for paragraph in article.paragraphs:
            if paragraph.kind == Kind.BODY:
                counts.update(_stems(paragraph.text))
        weighed = [(term, tf, length[0], averages[0]) for term, tf in counts.items() if term in frequent]
        for name, text in entity_fields(article.id, analysis).items():
            field_number = SCORED_FIELDS.index(name)
            names = Counter(FIELD_PREFIX[name] + w for w in words(text))
            weighed += [(term, tf, length[field_number], averages[field_number]) for term, tf in names.items() if term in frequent]
        for term, tf, size, average in weighed:
            found[term].append((tf * (K1 + 1) / (tf + K1 * (1 - B + B * size / average)), article.id, tf, size))
    for term, weights in found.items():
        for _, article_id, tf, size in heapq.nlargest(CHAMPIONS, weights):
            rows.impacts[term, article_id] = (term, article_id, tf, size, f"{tf}:{size}")
