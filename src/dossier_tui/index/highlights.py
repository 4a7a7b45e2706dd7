"""Exact character offsets of the matched words in an article's own paragraphs, best passages first.

Both engines mark text the same way: the query tree becomes a `MarkPlan` (stemmed terms, stemmed
phrases, entity names); a paragraph is scanned by a regex of the terms' stems (C speed), and only
the candidates it finds are re-tokenised and stemmed, so the visible top 20 cost a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from dossier_tui.index import query_parser as q
from dossier_tui.index.results import Highlight
from dossier_tui.index.schema import ENTITY_FIELDS, TOKEN, stem
from dossier_tui.model import Article, Kind

MARKED_KINDS = (Kind.BODY, Kind.HEADING)
SNIPPET_CHARS = 180


@dataclass(slots=True)
class MarkPlan:
    terms: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)  # canonical names whose mentions are marked

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases or self.entities)


def plan(parsed: q.ParsedQuery, expand: Callable[[str], Iterable[str]], analysis=None) -> MarkPlan:
    """What to mark for a query; `expand(prefix)` gives the stems a typed prefix stands for."""
    marks = MarkPlan()
    _collect(parsed.root, marks, expand, analysis)
    return marks


def _collect(node, marks: MarkPlan, expand, analysis) -> None:
    if isinstance(node, (q.And, q.Or)):
        for child in node.nodes:
            _collect(child, marks, expand, analysis)
    elif isinstance(node, q.Word) and node.field in (None, "title", *ENTITY_FIELDS):
        if node.prefix:
            marks.terms.update(expand(node.text))
        elif (term := stem(node.text)) is not None:
            marks.terms.add(term)
        if analysis is not None and node.field != "title":  # also while typed: "Lukashenka" as a prefix
            entity = analysis.entity(node.text)
            if entity is not None:
                marks.entities.add(entity.name)
    elif isinstance(node, q.Phrase) and node.field in (None, "title", *ENTITY_FIELDS):
        stems = tuple(s for s in map(stem, node.words) if s)
        if len(stems) > 1:
            marks.phrases.add(stems)
        elif stems:
            marks.terms.add(stems[0])
        if analysis is not None and node.field in ENTITY_FIELDS:
            entity = analysis.entity(" ".join(node.words))
            if entity is not None:
                marks.entities.add(entity.name)
    # Not, DateRange, source: nothing in the text to mark.


@lru_cache(maxsize=512)
def _candidates(stems: frozenset[str]) -> re.Pattern:
    # A token starts where no word character (or "word.") precedes it, like the tokeniser's regex;
    # a Porter stem minus its last letter is a prefix of every word it comes from, and Porter
    # leaves words of one or two letters as they are.
    heads = sorted({s[:-1] if len(s) > 2 else s for s in stems}, key=len, reverse=True)
    return re.compile(r"(?<!\w\.)(?<!\w)(?:" + "|".join(map(re.escape, heads)) + ")", re.IGNORECASE)


def _term_spans(text: str, stems: frozenset[str]) -> list[tuple[int, int, str]]:
    spans = []
    last_end = -1
    for match in _candidates(stems).finditer(text):
        if match.start() < last_end:
            continue
        token = TOKEN.match(text, match.start())
        if token is None:
            continue
        last_end = token.end()
        term = stem(token.group().lower())
        if term in stems:
            spans.append((token.start(), token.end(), term))
    return spans


def _phrase_spans(text: str, phrase: tuple[str, ...]) -> list[tuple[int, int, str]]:
    key = " ".join(phrase)
    spans = []
    for start, _, _ in _term_spans(text, frozenset(phrase[:1])):
        # Read on from each occurrence of the first word, skipping what the index skips.
        found: list[tuple[int, int, str]] = []
        for match in TOKEN.finditer(text, start):
            term = stem(match.group().lower())
            if term is None:
                continue
            if term != phrase[len(found)]:
                break
            found.append((match.start(), match.end(), key))
            if len(found) == len(phrase):
                spans.extend(found)
                break
    return spans


def mark(article: Article, marks: MarkPlan, analysis=None) -> list[Highlight]:
    """All matched words of the article, grouped by paragraph, best paragraphs first."""
    per_paragraph: dict[int, list[tuple[int, int, str]]] = {}
    stems = frozenset(marks.terms)
    for paragraph in article.paragraphs:
        if paragraph.kind not in MARKED_KINDS:
            continue
        spans = _term_spans(paragraph.text, stems) if stems else []
        for phrase in marks.phrases:
            spans.extend(_phrase_spans(paragraph.text, phrase))
        if spans:
            per_paragraph[paragraph.index] = spans
    if marks.entities and analysis is not None:
        for mention in analysis.mentions_in(article.id):
            if mention.entity in marks.entities:
                per_paragraph.setdefault(mention.paragraph, []).append((mention.start, mention.end, mention.entity))

    def strength(index: int) -> tuple[int, int, int]:
        spans = per_paragraph[index]
        return (-len({key for _, _, key in spans}), -len(spans), index)

    highlights = []
    for index in sorted(per_paragraph, key=strength):
        last_end = -1
        for start, end, _ in sorted(per_paragraph[index]):
            if start >= last_end:  # a word matched as a term and inside a phrase is marked once
                highlights.append(Highlight(index, start, end))
                last_end = end
    return highlights


def snippet(article: Article, highlights: list[Highlight]) -> str:
    """A window of the best paragraph around its first matched word (the article's start if none)."""
    if highlights:
        first = highlights[0]
        text = next(p.text for p in article.paragraphs if p.index == first.paragraph)
        start = max(0, first.start - SNIPPET_CHARS // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first.start else start
    else:
        body = article.body
        text, start = (body[0].text if body else ""), 0
    window = text[start : start + SNIPPET_CHARS]
    if start + SNIPPET_CHARS < len(text):
        cut = window.rfind(" ")
        window = (window[:cut] if cut > SNIPPET_CHARS // 2 else window) + "…"
    return ("…" if start else "") + " ".join(window.split())
