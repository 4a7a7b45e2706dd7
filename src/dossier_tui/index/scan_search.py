"""Search without an index: the same query language answered by scanning the loaded articles.

Used while the index builds, so search works within a second of launch at any size. Each word is
found by a regex that starts with its literal letters over the lowercased text (C speed: a leading
look-behind or \b makes Python's re 20x slower, measured), and only the candidates are checked for
a word boundary and stemmed; ranking is a plain term-frequency score with a title bonus.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from dossier_tui.index import highlights
from dossier_tui.index import query_parser as q
from dossier_tui.index.results import Hit, SearchResult
from dossier_tui.index.schema import ENTITY_FIELDS, STOP, TOKEN, stem, type_field, words
from dossier_tui.model import Article, Dossier, Kind

TITLE_WEIGHT = 2.0


@dataclass(slots=True)
class _Text:
    article: Article
    title: str
    body: str  # body paragraphs joined by blank lines
    source: str
    date: str | None
    entities: dict[str, str]


class ScanSearch:
    def __init__(self, dossier: Dossier, analysis=None):
        self._dossier = dossier
        self._analysis = analysis
        self._texts: list[_Text] | None = None
        self._vocabulary: list[str] | None = None
        self._bridges: dict[str, tuple[str, re.Pattern] | None] = {}

    def search(self, query: str, limit: int = 20) -> SearchResult:
        parsed = q.parse(query)
        if parsed.root is None:
            return SearchResult([], parsed.notice, 0)
        scored = []
        for text in self._all_texts():
            score = self._score(parsed.root, text)
            if score:
                scored.append((score, text))
        scored.sort(key=lambda pair: -pair[0])
        marks = highlights.plan(parsed, self._expand, self._analysis)
        hits = []
        for score, text in scored[:limit]:
            marked = highlights.mark(text.article, marks, self._analysis)
            article = text.article
            hits.append(Hit(article.id, article.title, article.source, article.date, score,
                            highlights.snippet(article, marked), marked))
        return SearchResult(hits, parsed.notice, len(scored))

    def _all_texts(self) -> list[_Text]:
        if self._texts is None:
            from dossier_tui.index.builder import entity_fields

            self._texts = [
                _Text(
                    a,
                    a.title.lower(),
                    "\n\n".join(p.text for p in a.paragraphs if p.kind == Kind.BODY).lower(),
                    (a.source or "").lower(),
                    a.date,
                    {name: value.lower() for name, value in entity_fields(a.id, self._analysis).items()},
                )
                for a in self._dossier.articles
            ]
        return self._texts

    def _expand(self, prefix: str) -> list[str]:
        if self._vocabulary is None:
            found: set[str] = set()
            for text in self._all_texts():
                found.update(TOKEN.findall(text.title))
                found.update(TOKEN.findall(text.body))
            self._vocabulary = sorted(found)
        start = bisect.bisect_left(self._vocabulary, prefix)
        end = bisect.bisect_left(self._vocabulary, prefix + "\uffff")
        return sorted({s for w in self._vocabulary[start:end] if (s := stem(w))})

    def _score(self, node, text: _Text) -> float:
        """> 0 when the article matches; a Not matches as 1 so it never adds rank."""
        if isinstance(node, q.And):
            total = 0.0
            for child in node.nodes:
                score = self._score(child, text)
                if not score:
                    return 0.0
                total += score
            return total
        if isinstance(node, q.Or):
            return sum(self._score(child, text) for child in node.nodes)
        if isinstance(node, q.Not):
            return 0.0 if self._score(node.node, text) else 1e-9
        if isinstance(node, q.DateRange):
            return 1.0 if node.contains(text.date) else 0.0
        if isinstance(node, q.Phrase):
            pattern = _phrase_pattern(node.words)
            if node.field == "source":
                return 1.0 if _matches(pattern, text.source, None) else 0.0
            return self._count(pattern, text, node.field, verify=None)
        return self._word(node, text)

    def _alias_bridge(self, word: str) -> tuple[str, re.Pattern] | None:
        """Like the index: a spelling of an entity whose other spellings lack the word."""
        if word not in self._bridges:
            entity = self._analysis.entity(word) if self._analysis is not None else None
            field = type_field(entity.type) if entity is not None else None
            bridge = None
            if entity is not None and field is not None:
                spellings = [words(alias) for alias in entity.aliases]
                if any(word in s for s in spellings) and not all(word in s for s in spellings):
                    bridge = field, _phrase_pattern(tuple(words(entity.name)))
            self._bridges[word] = bridge
        return self._bridges[word]

    def _word(self, node: q.Word, text: _Text) -> float:
        score = self._word_in_text(node, text)
        if node.field is None and not score:
            bridge = self._alias_bridge(node.text)
            if bridge is not None:
                score = float(_matches(bridge[1], text.entities.get(bridge[0], ""), None))
        return score

    def _word_in_text(self, node: q.Word, text: _Text) -> float:
        if node.field == "source":
            return 1.0 if _matches(_word_pattern(node.text, node.prefix), text.source, None) else 0.0
        if node.field in ENTITY_FIELDS:
            return self._count(_word_pattern(node.text, True), text, node.field, verify=None)
        if node.prefix:
            return self._count(_word_pattern(node.text, True), text, node.field, verify=None)
        term = stem(node.text)
        if term is None:
            score = 0.0
        elif len(term) <= 3:  # Porter leaves short words alone: match the word itself, no candidates
            score = self._count(_word_pattern(term, False), text, node.field, verify=None)
        else:
            score = self._count(_word_pattern(term[:-1], True), text, node.field, verify=term)
        if node.short and node.field is None:
            # Like the index's title n-grams: a title word or entity name starting with these letters.
            starts = _word_pattern(node.text, True)
            score += TITLE_WEIGHT * _matches(starts, text.title, None) + sum(
                _matches(starts, text.entities.get(name, ""), None) for name in ("person", "place", "org"))
        return score

    def _count(self, pattern: re.Pattern, text: _Text, field: str | None, verify: str | None) -> float:
        if field in ENTITY_FIELDS:
            return float(_matches(pattern, text.entities.get(field, ""), None))
        title = _matches(pattern, text.title, verify)
        body = 0 if field == "title" else _matches(pattern, text.body, verify)
        if not (title or body):
            return 0.0
        return TITLE_WEIGHT * title + math.log1p(body) / math.log1p(len(text.body) / 500 + 1)


def _matches(pattern: re.Pattern, text: str, verify: str | None) -> int:
    count = 0
    for match in pattern.finditer(text):
        start = match.start()
        before = text[start - 1 : start]
        if before and (before.isalnum() or before == "_" or (before == "." and _word_char(text, start - 2))):
            continue  # inside a word, not at its start
        if verify is None or stem(match.group().rstrip(".")) == verify:
            count += 1
    return count


def _word_char(text: str, at: int) -> bool:
    return at >= 0 and (text[at].isalnum() or text[at] == "_")


@lru_cache(maxsize=1024)
def _word_pattern(head: str, prefix: bool) -> re.Pattern:
    """Literal letters first; `_matches` checks the start of the word."""
    return re.compile(re.escape(head) + (r"[\w.]*" if prefix else r"(?![\w])"))


@lru_cache(maxsize=256)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    # Words in order with only punctuation, spaces or stop words between them, as the index sees it.
    gap = r"(?:\W+(?:" + "|".join(sorted(STOP)) + r")\b)*\W+"
    return re.compile(gap.join(re.escape(w) for w in words) + r"(?!\w)")
