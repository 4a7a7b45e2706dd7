"""The one interface the faces (reader and CLI) read a dossier through, whatever stores it.

Two backends answer it: `LocalBackend` (a folder, with the Whoosh index and the caches of
`pipeline.Workspace`) and `PostgresBackend` (a dossier published into a PostgreSQL database).
Every method returns the core's own typed records, so a face cannot tell the backends apart:
the same query language (`index.query_parser`, parsed once per backend, translated to Whoosh
or to tsquery), the same `SearchResult` JSON with character offsets, the same entities, quotes,
related links, corroboration and compare.

Errors: an unknown article id or a paragraph outside the article is a `DossierError` (one line,
exit 2 in the CLI); a server that fails is a `DossierError` too (`backends.postgres.failures`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from dossier_tui.analysis import Entity, Quote
    from dossier_tui.annotations.anchoring import Placed
    from dossier_tui.index import SearchResult
    from dossier_tui.model import Article
    from dossier_tui.related import Alignment, Corroboration, Link, QuoteCluster


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    """One row of the article list: what the list shows without the article's text."""

    id: str
    title: str
    source: str | None  # provenance.display_source: the one name every view shows
    date: str | None
    url: str | None
    author: str | None
    paragraphs: int
    quotes: int  # quotations the analysis found in it
    shared: int  # paragraphs whose text another article carries (related "same" links)

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True, frozen=True)
class DossierInfo:
    """What `dossier dossiers` lists: a dossier a backend can open."""

    name: str
    articles: int
    version: int  # how many times it was published (1 for a local folder)
    published: str | None  # ISO time of the version readers see (None for a local folder)
    entities: int = 0
    quotes: int = 0

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@runtime_checkable
class Annotations(Protocol):
    """Annotations placed in the current text, flags and read state (issue #11), per dossier.

    The local side is `annotations.DossierAnnotations` (a JSON Lines file in the dossier); the
    PostgreSQL side stores the same records in the dossier's schema (pg-team: shared notes with
    their author, private notes under row-level security, read state per user).
    """

    @property
    def problem(self) -> str | None: ...

    def reload(self) -> bool: ...

    def for_article(self, article_id: str) -> list[Placed]: ...

    def count(self, article_id: str) -> int: ...

    def all(self) -> list[Placed]: ...

    def is_read(self, article_id: str) -> bool: ...

    def flags(self, article_id: str) -> set[str]: ...

    def all_flags(self) -> list[str]: ...

    def add(self, article_id: str, paragraph: int, start: int = 0, end_paragraph: int | None = None, end: int | None = None, *,
            note: str = "", tags=(), label: str = "highlight") -> Placed: ...

    def update(self, note_id: str, *, note: str | None = None, tags=None, label: str | None = None) -> Placed: ...

    def reattach(self, note_id: str, article_id: str, paragraph: int, start: int = 0, end_paragraph: int | None = None,
                 end: int | None = None) -> Placed: ...

    def delete(self, note_id: str) -> None: ...

    def set_read(self, article_ids: Iterable[str], read: bool = True) -> int: ...

    def toggle_flag(self, article_id: str, flag: str) -> bool: ...


@runtime_checkable
class DossierBackend(Protocol):
    """A dossier, opened for reading (and for annotating through `annotations()`)."""

    @property
    def name(self) -> str:
        """What the user calls it: the folder, or the published name."""
        ...

    def info(self) -> DossierInfo: ...

    # -- articles -------------------------------------------------------------------------------

    def summaries(self) -> Sequence[ArticleSummary]:
        """Every article's list row, in the dossier's order (as `dossier list`)."""
        ...

    def articles(self) -> Sequence[Article]:
        """Every article with its paragraphs, in the dossier's order (`list --json`, export)."""
        ...

    def article(self, article_id: str) -> Article | None: ...

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """Ranked hits for a query in the language of `index.query_parser`, each with the
        character offsets of its matched words per paragraph (best paragraphs first)."""
        ...

    def cancel(self) -> None:
        """Stop a `search` running on another thread (the next keystroke arrived): it returns at
        once with an empty, stale result the face drops. A no-op where searches are instant."""
        ...

    # -- analysis -------------------------------------------------------------------------------

    def entities(self) -> Sequence[Entity]:
        """People, places, organisations and groups with their aliases, most mentioned first."""
        ...

    def entity(self, name_or_alias: str) -> Entity | None:
        """The entity one of whose names this is (any case, any listed spelling)."""
        ...

    def quotes(self, article_id: str | None = None) -> Sequence[Quote]:
        """Quotations with their speakers: all of them in the dossier's order, or one article's."""
        ...

    def quote_clusters(self) -> Sequence[QuoteCluster]:
        """Quotes carried by more than one article, most widely carried first."""
        ...

    # -- related passages -----------------------------------------------------------------------

    def related(self, article_id: str, paragraph: int, limit: int = 10) -> list[Link]:
        """Passages of other articles related to this paragraph, best first."""
        ...

    def corroboration(self, article_id: str, paragraph: int) -> Corroboration: ...

    def compare(self, id_a: str, id_b: str) -> Alignment: ...

    # -- annotations (#11) ----------------------------------------------------------------------

    def annotations(self) -> Annotations: ...

    def close(self) -> None: ...
