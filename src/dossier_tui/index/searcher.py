"""Query tree -> Whoosh query, run on one reused searcher, with results cached per generation."""

from __future__ import annotations

import bisect
from collections import OrderedDict

from whoosh import query as wq

from dossier_tui.index import highlights
from dossier_tui.index.builder import read_record
from dossier_tui.index.live_scoring import LiveBM25F
from dossier_tui.index import query_parser as q
from dossier_tui.index.results import Hit, SearchResult
from dossier_tui.index.schema import ENTITY_FIELDS, stem, type_field, words

# A three-letter prefix can stand for hundreds of words, and Whoosh scores every posting of every
# one (about 5 us each, measured): keep the most frequent completions up to a posting budget (one
# more letter narrows the prefix and brings the rarer ones in). Whoosh has no clause limit itself.
MAX_EXPANSIONS = 16
POSTING_BUDGET = 2500
RARE_SHARE = 50  # completions 50x rarer than the commonest add a clause each and few results
CACHE_SIZE = 256


def _open(whoosh_index, lengths: dict[str, int]):
    # Ranked from the live documents: an updated index ranks as a fresh build of the same files.
    return whoosh_index.searcher(weighting=LiveBM25F(lengths))


class Searcher:
    """Answers queries on one index generation; `refresh` after a commit."""

    def __init__(self, whoosh_index, vocabulary: list[str], lengths: dict[str, int]):
        self._index = whoosh_index
        self._searcher = _open(whoosh_index, lengths)
        self._vocabulary = vocabulary  # sorted
        self._cache: OrderedDict[tuple[str, int], SearchResult] = OrderedDict()
        self._expansions: dict[str, list[str]] = {}
        self.name_fields = self._fields_in_use()

    def refresh(self, vocabulary: list[str], lengths: dict[str, int]) -> None:
        # Not Searcher.refresh(): it reuses the reader of a segment whose deletions changed,
        # so deleted articles would still be found. The old searcher is not closed: a search on
        # another thread may still be reading it; it closes when collected.
        self._searcher = _open(self._index, lengths)
        self._vocabulary = vocabulary
        self._cache.clear()
        self._expansions.clear()
        self.name_fields = self._fields_in_use()

    def _fields_in_use(self) -> tuple[str, ...]:
        """Entity fields that hold anything (none without an analysis): empty ones cost a clause each."""
        reader = self._searcher.reader()
        return tuple(name for name in ENTITY_FIELDS if reader.field_length(name))

    def close(self) -> None:
        self._searcher.close()

    def probe(self) -> None:
        """Read a little of every segment, so a damaged file fails now, not mid-search.

        (A truncated compound segment already fails at open: its directory is at the end.)
        """
        reader = self._searcher.reader()
        for _ in reader.lexicon("file"):
            pass
        last = reader.doc_count_all() - 1
        if last >= 0:
            reader.stored_fields(0)
            reader.stored_fields(last)

    def stored(self, article_id: str) -> dict | None:
        return self._searcher.document(id=article_id)

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def expand(self, prefix: str) -> list[str]:
        """The indexed stems of the dossier's words starting with `prefix`, most frequent first."""
        if prefix not in self._expansions:
            start = bisect.bisect_left(self._vocabulary, prefix)
            end = bisect.bisect_left(self._vocabulary, prefix + "\uffff")
            stems = {s for w in self._vocabulary[start:end] if (s := stem(w))}
            searcher = self._searcher
            frequency = {s: searcher.weighting.frequency(searcher, "body", s) for s in stems}
            ranked = sorted((s for s in stems if frequency[s]), key=lambda s: (-frequency[s], s))
            kept: list[str] = []
            postings = 0
            for term in ranked[:MAX_EXPANSIONS]:
                if kept and (postings + frequency[term] > POSTING_BUDGET or frequency[term] * RARE_SHARE < frequency[ranked[0]]):
                    continue
                kept.append(term)
                postings += frequency[term]
            self._expansions[prefix] = kept
        return self._expansions[prefix]

    def search(self, text: str, limit: int, articles: dict, analysis=None) -> SearchResult:
        key = (text, limit)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        parsed = q.parse(text)
        if parsed.root is None:
            result = SearchResult([], parsed.notice, 0)
        else:
            whoosh_query = _compile(parsed.root, self, analysis)
            found, ranked = self._ranked(whoosh_query, limit)
            marks = highlights.plan(parsed, self.expand, analysis)
            hits = [self._hit(found[i], found.score(i), articles, marks, analysis) for i in ranked]
            # len() counts the matches exactly (Whoosh's estimate is an upper bound: 1,101 for 'trump'
            # that matches fewer); one more pass over the postings, a few ms at 3,824 articles.
            result = SearchResult(hits, parsed.notice, len(found))
        self._cache[key] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _ranked(self, whoosh_query, limit: int):
        """(Whoosh's results, the positions of the best LIMIT in rank order). Equal scores rank by
        article id, not by where the index happens to hold the articles (an updated index holds
        them in another order than a fresh build), and so does a tie across the cut: the search
        reads on until the score below the cut is lower."""
        fetch = limit + 1
        while True:
            found = self._searcher.search(whoosh_query, limit=fetch)
            count = found.scored_length()
            if count < fetch or limit == 0 or found.score(count - 1) < found.score(limit - 1):
                break
            fetch *= 2
        ranked = sorted(range(count), key=lambda i: (-found.score(i), found[i]["id"]))
        return found, ranked[:limit]

    def _hit(self, stored, score: float, articles: dict, marks, analysis) -> Hit:
        article = articles.get(stored["id"])
        if article is None and "record" in stored:  # a warm search: the dossier is not loaded
            article, mentions = read_record(stored["record"])
            analysis = _Mentions(analysis, mentions) if analysis is not None else None
        marked = highlights.mark(article, marks, analysis) if article is not None else []
        return Hit(
            article_id=stored["id"],
            title=stored.get("title", ""),
            source=stored.get("source"),
            date=stored.get("date"),
            score=float(score),
            snippet=highlights.snippet(article, marked) if article is not None else "",
            highlights=marked,
        )


class _Mentions:
    """The entity lookup of a warm search with one stored article's mentions, for `highlights.mark`."""

    def __init__(self, lookup, mentions: list) -> None:
        self._lookup, self._mentions = lookup, mentions

    def mentions_in(self, article_id: str) -> list:
        return self._mentions

    def entity(self, name: str):
        return self._lookup.entity(name)


def _compile(node, searcher: Searcher, analysis) -> wq.Query:
    if isinstance(node, q.And):
        parts = [_compile(n, searcher, analysis) for n in node.nodes]
        if all(isinstance(p, wq.Not) for p in parts):
            parts.insert(0, wq.Every())
        return wq.And(parts)
    if isinstance(node, q.Or):
        return _or([_compile(n, searcher, analysis) for n in node.nodes])
    if isinstance(node, q.Not):
        inner = wq.Not(_compile(node.node, searcher, analysis))
        return wq.And([wq.Every(), inner])
    if isinstance(node, q.DateRange):
        low, high = node.bounds()
        return wq.TermRange("date", low, high, endexcl=node.end_exclusive)
    if isinstance(node, q.Phrase):
        return _phrase(node, analysis)
    return _word(node, searcher, analysis)


def _or(parts: list[wq.Query]) -> wq.Query:
    # One flat Or: nested ones cost Whoosh a union matcher per level (21 ms against 9 ms for
    # "trump adm" on 3,824 articles, measured).
    parts = [sub for p in parts for sub in (p.subqueries if type(p) is wq.Or else [p]) if sub is not wq.NullQuery]
    if not parts:
        return wq.NullQuery
    if len(parts) == 1:
        return parts[0]
    return wq.Or(parts)


def _stemmed(field: str, stems: list[str]) -> wq.Query:
    return _or([wq.Term(field, s) for s in stems]) if stems else wq.NullQuery


def _word(node: q.Word, searcher: Searcher, analysis) -> wq.Query:
    text, field = node.text, node.field
    if field == "source":
        return wq.Prefix("source", text) if node.prefix else wq.Term("source", text)
    if field in ENTITY_FIELDS:
        parts = [wq.Prefix(field, text) if node.prefix else wq.Term(field, text)]
        parts += _aliases(text, field, analysis)
        return _or(parts)
    bridge = _alias_bridge(text, analysis, searcher.name_fields) if field is None else []
    if node.prefix:
        stems = searcher.expand(text)
        return _or([_stemmed(field or "body", stems), *bridge])
    term = stem(text)
    parts = [wq.Term(field or "body", term)] if term else []
    if node.short and field is None:
        parts.append(wq.Term("title_start", text))
    return _or(parts + bridge)


def _phrase(node: q.Phrase, analysis) -> wq.Query:
    if node.field in ("source", *ENTITY_FIELDS):
        parts = [wq.Phrase(node.field, list(node.words))]
        if node.field != "source":
            parts += _aliases(" ".join(node.words), node.field, analysis)
        return _or(parts)
    stems = [s for s in map(stem, node.words) if s]
    field = node.field or "body"
    if len(stems) == 1:
        return wq.Term(field, stems[0])
    return wq.Phrase(field, stems) if stems else wq.NullQuery


def _alias_bridge(text: str, analysis, fields_in_use: tuple[str, ...]) -> list[wq.Query]:
    """A plain word that is one spelling of a person, place or organisation also finds the
    articles that only use another spelling (Tsikhanouskaya -> Tikhanovskaya), through the entity
    field. Only then: an entity field clause for every word would cost as much as the body's
    (measured: keystroke p95 40 ms against 15 ms with entity fields on 3,824 articles)."""
    entity = analysis.entity(text) if analysis is not None else None
    if entity is None:
        return []
    field = type_field(entity.type)
    if field is None or field not in fields_in_use:
        return []
    spellings = [words(alias) for alias in entity.aliases]
    if all(text in spelling for spelling in spellings) or not any(text in spelling for spelling in spellings):
        return []  # every spelling has the word (the body finds them all), or none has (a loose match)
    tokens = words(entity.name)
    return [wq.Phrase(field, tokens) if len(tokens) > 1 else wq.Term(field, tokens[0])] if tokens else []


def _aliases(text: str, field: str, analysis) -> list[wq.Query]:
    """The entity's canonical name, when the analysis knows this spelling (alias-aware search)."""
    entity = analysis.entity(text) if analysis is not None else None
    if entity is None:
        return []
    tokens = words(entity.name)
    if not tokens or tokens == words(text):
        return []
    return [wq.Phrase(field, tokens) if len(tokens) > 1 else wq.Term(field, tokens[0])]
