"""The same quote across sources: clusters of quotations that reproduce one another, with who
each outlet says spoke, flagged when outlets disagree on the speaker.

Quotes come from the analysis (with speakers) when there is one; without it, quoted stretches
are found by their quote marks and have no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier_tui.model import Dossier
from dossier_tui.related.normalise import words
from dossier_tui.related.outlets import outlet
from dossier_tui.related.shingles import SIZE

MIN_WORDS = 6  # shorter quotes ("not surprised") are too common to say two outlets share one
MIN_SHARED = 3  # shingles two quotes must share, and at least half of the shorter one
_COMMON = 50  # a shingle in more quotes than this is a stock phrase, not evidence

_QUOTED = re.compile(r"“([^”“]+)”|\"([^\"]+)\"|«([^»«]+)»")


@dataclass(slots=True)
class QuoteMember:
    article_id: str
    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None
    source: str
    date: str | None

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class QuoteCluster:
    text: str  # the longest version
    members: list[QuoteMember]  # earliest first when dated
    sources: list[str]
    speakers: list[str]  # distinct attributed speakers
    conflict: bool  # outlets attribute the quote to different speakers
    first: str | None  # id of the earliest dated article carrying it

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "sources": self.sources,
            "speakers": self.speakers,
            "conflict": self.conflict,
            "first": self.first,
            "members": [m.to_json() for m in self.members],
        }


def cluster_quotes(dossier: Dossier, analysis) -> list[QuoteCluster]:
    quotes = _quotes(dossier, analysis)
    shingles = []
    postings: dict[tuple[str, ...], list[int]] = {}
    for n, quote in enumerate(quotes):
        texts = [w[0] for w in words(quote.text)]
        found = {tuple(texts[i : i + SIZE]) for i in range(len(texts) - SIZE + 1)}
        shingles.append(found)
        for shingle in found:
            postings.setdefault(shingle, []).append(n)
    parent = list(range(len(quotes)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n, found in enumerate(shingles):
        counts: dict[int, int] = {}
        for shingle in found:
            others = postings[shingle]
            if len(others) <= _COMMON:
                for other in others:
                    if other > n:
                        counts[other] = counts.get(other, 0) + 1
        for other, shared in counts.items():
            if shared >= MIN_SHARED and shared * 2 >= min(len(found), len(shingles[other])):
                parent[root(other)] = root(n)

    groups: dict[int, list[QuoteMember]] = {}
    for n, quote in enumerate(quotes):
        groups.setdefault(root(n), []).append(quote)
    clusters = [_cluster(members) for members in groups.values() if len({m.article_id for m in members}) > 1]
    return sorted(clusters, key=lambda c: (-len(c.sources), -len(c.members), c.members[0].article_id))


def _quotes(dossier: Dossier, analysis) -> list[QuoteMember]:
    articles = {a.id: a for a in dossier.articles}
    found: list[QuoteMember] = []
    if analysis is not None:
        for q in analysis.quotes:
            article = articles.get(q.article_id)
            if article is not None and q.kind == "speech" and len(words(q.text)) >= MIN_WORDS:
                found.append(QuoteMember(q.article_id, q.paragraph, q.start, q.end, q.text, q.speaker, outlet(article), article.date))
        return found
    for article in dossier.articles:
        for paragraph in article.body:
            for match in _QUOTED.finditer(paragraph.text):
                group = next(g for g in range(1, 4) if match.group(g) is not None)
                text = match.group(group)
                if len(words(text)) >= MIN_WORDS:
                    found.append(QuoteMember(article.id, paragraph.index, match.start(group), match.end(group), text, None, outlet(article), article.date))
    return found


def _cluster(members: list[QuoteMember]) -> QuoteCluster:
    members = sorted(members, key=lambda m: (m.date is None, m.date or "", m.article_id, m.paragraph, m.start))
    speakers = list(dict.fromkeys(m.speaker for m in members if m.speaker))
    first = members[0].article_id if members[0].date else None
    return QuoteCluster(
        text=max((m.text for m in members), key=len),
        members=members,
        sources=list(dict.fromkeys(m.source for m in members)),
        speakers=speakers,
        conflict=len(speakers) > 1,
        first=first,
    )
