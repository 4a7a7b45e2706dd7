"""How many other outlets carry a passage's text, and which article had it first."""

from __future__ import annotations

from dataclasses import dataclass

from dossier_tui.model import Article
from dossier_tui.provenance import UNKNOWN_SOURCE, display_source
from dossier_tui.related.outlets import outlet


@dataclass(slots=True)
class Corroboration:
    sources: list[str]  # the names of the other outlets carrying the same text
    first: str | None  # id of the earliest dated article carrying it (the queried one included)

    def to_json(self) -> dict:
        return {"sources": self.sources, "count": len(self.sources), "first": self.first}


def corroborate(article: Article, carriers: list[Article]) -> Corroboration:
    own = _identity(article)
    names = {_identity(a): display_source(a) or UNKNOWN_SOURCE for a in carriers if _identity(a) != own}
    dated = [a for a in (article, *carriers) if a.date]
    first = min(dated, key=lambda a: (a.date, a.id)).id if carriers and dated else None
    return Corroboration(list(names.values()), first)


def _identity(article: Article) -> str:
    """Outlets are told apart by their shown name; unknown ones are each their own (outlet())."""
    return display_source(article) or outlet(article)
