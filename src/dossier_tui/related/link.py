"""A link from a paragraph to a passage of another article, as the views and the CLI show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# "same": near-verbatim text; "similar": the same fact in other words.
LinkKind = Literal["same", "similar"]

# A link to another article of the same outlet ranks as if its score were this much lower: a
# second outlet carrying the text is what a reader comparing sources is after.
SAME_OUTLET_FACTOR = 0.75


@dataclass(slots=True)
class Link:
    article_id: str
    paragraph: int
    score: float
    kind: LinkKind
    text: str
    title: str
    source: str | None
    shared: list[tuple[int, int]]  # ranges in the target paragraph's text
    own_shared: list[tuple[int, int]]  # ranges in the queried paragraph's text

    def to_json(self) -> dict:
        return {
            "id": self.article_id,
            "paragraph": self.paragraph,
            "score": round(self.score, 4),
            "kind": self.kind,
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "shared": [{"start": s, "end": e} for s, e in self.shared],
            "own_shared": [{"start": s, "end": e} for s, e in self.own_shared],
        }


def rank_key(kind: LinkKind, score: float, same_outlet: bool) -> tuple[bool, float]:
    """Same-text links before similar ones; within a kind, by score, other outlets first."""
    return (kind == "same", score * (SAME_OUTLET_FACTOR if same_outlet else 1.0))
