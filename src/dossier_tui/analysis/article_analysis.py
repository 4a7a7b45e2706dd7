"""One article's analysis, the unit the cache stores: its mentions and its attributed quotes."""

from __future__ import annotations

from dataclasses import dataclass

from dossier_tui.analysis.mentions import RawMention, extract_mentions
from dossier_tui.analysis.quotes import RawQuote, find_quotes
from dossier_tui.analysis.speakers import attribute
from dossier_tui.model import Article, Kind

ANALYSED = frozenset({Kind.BODY, Kind.HEADING, Kind.CAPTION})


@dataclass(slots=True)
class ArticleAnalysis:
    mentions: list[RawMention]
    quotes: list[RawQuote]

    def to_json(self) -> dict:
        return {"m": [m.to_row() for m in self.mentions], "q": [q.to_row() for q in self.quotes]}

    @classmethod
    def from_json(cls, data: dict) -> ArticleAnalysis:
        return cls([RawMention.from_row(r) for r in data["m"]], [RawQuote.from_row(r) for r in data["q"]])


def analyze_article(article: Article) -> ArticleAnalysis:
    paragraphs = [(p.index, p.text) for p in article.paragraphs if p.kind in ANALYSED]
    mentions = extract_mentions(paragraphs)
    quotes = find_quotes(paragraphs)
    attribute(paragraphs, mentions, quotes)
    return ArticleAnalysis(mentions, quotes)
