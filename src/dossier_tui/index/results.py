"""What a search answers: ranked articles with exact character offsets of the matched words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Highlight:
    paragraph: int  # Paragraph.index in the article
    start: int  # character offsets into that Paragraph.text
    end: int

    def to_json(self) -> dict:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Hit:
    article_id: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    # Every matched word in the article, paragraphs with the best passages first.
    highlights: list[Highlight] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [h.to_json() for h in self.highlights],
        }


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    notice: str | None = None  # e.g. how a malformed query was read
    total: int = 0  # matching articles, estimated by the index for large result sets
