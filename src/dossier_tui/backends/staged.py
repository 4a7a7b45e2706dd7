"""A dossier backend opened the way the reader opens a folder: in stages, by its worker.

The reader's worker runs `pipeline.Workspace`'s stages (load, analyze, index, relate) and shows
each result as it comes. `StagedBackend` gives the same stages over any `DossierBackend` (a
published dossier on a PostgreSQL server): `load` reads the articles, `index` has nothing to
build (the server searches), `relate` answers related passages, corroboration, compare and quote
clusters by asking the backend. So the reader needs no second open path, and every call it makes
still goes through the one Protocol.

A failure of the server is a DossierError with one line (backends.postgres.failures); the reader
shows it and keeps what is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier_tui.model import Dossier

if TYPE_CHECKING:
    from dossier_tui.backends.protocol import DossierBackend
    from dossier_tui.pipeline import Progress


class StagedBackend:
    STAGES = ("load", "analyze", "index", "relate")

    def __init__(self, backend: DossierBackend, root: str) -> None:
        """ROOT names the dossier for what the reader keeps per dossier on this machine (last
        position, list): a stable string per server and dossier, never a password."""
        self.backend = backend
        self.root = root
        self.notices: list[str] = []
        self._dossier: Dossier | None = None

    def load(self, on_progress: Progress | None = None) -> Dossier:
        if self._dossier is None:
            articles = list(self.backend.articles())
            self._dossier = Dossier(self.root, articles)
            if on_progress is not None:
                on_progress("load", len(articles), len(articles))
        return self._dossier

    def analyze(self, on_progress: Progress | None = None):
        """The server keeps the analysis whole: the reader asks for what it shows (None here)."""
        return None

    def index(self, on_progress: Progress | None = None) -> None:
        """Nothing to build: the server's indexes are ready when the dossier is published."""

    def relate(self, on_progress: Progress | None = None) -> RelatedOnServer:
        return RelatedOnServer(self.backend)

    def search(self, query: str, limit: int = 20):
        return self.backend.search(query, limit)

    def cancel(self) -> None:
        """Stop the search in flight (the next key arrived): one round trip per keystroke."""
        self.backend.cancel()

    def annotations(self):
        return self.backend.annotations()

    def close(self) -> None:
        self.backend.close()


class RelatedOnServer:
    """What the reader asks of `related.RelatedIndex`, answered by the backend."""

    def __init__(self, backend: DossierBackend) -> None:
        self.backend = backend
        self._shared: dict[str, int] | None = None

    def links(self, article_id: str, paragraph: int, limit: int = 10):
        return self.backend.related(article_id, paragraph, limit)

    def corroboration(self, article_id: str, paragraph: int):
        return self.backend.corroboration(article_id, paragraph)

    def compare(self, id_a: str, id_b: str):
        return self.backend.compare(id_a, id_b)

    def quote_clusters(self):
        return list(self.backend.quote_clusters())

    def same_text_paragraphs(self, article_id: str) -> range:
        """As many paragraphs as the article shares with others (the list's count; one query for all)."""
        if self._shared is None:
            self._shared = {s.id: s.shared for s in self.backend.summaries()}
        return range(self._shared.get(article_id, 0))
