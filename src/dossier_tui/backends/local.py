"""The embedded backend: a dossier folder read through `pipeline.Workspace` (Whoosh index, analysis
and link caches in the XDG cache dir, annotations in the folder). Today's code behind the Protocol.

Each method runs the pipeline stages it needs, once; a face that runs the stages itself (the
reader, from workers, with progress) passes its `Workspace` in and nothing is done twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier_tui.backends.protocol import ArticleSummary, DossierInfo
from dossier_tui.model import Article, DossierError
from dossier_tui.pipeline import Progress, Workspace
from dossier_tui.provenance import display_source

if TYPE_CHECKING:
    from dossier_tui.analysis import Entity, Quote
    from dossier_tui.annotations.dossier_annotations import DossierAnnotations
    from dossier_tui.index import SearchResult
    from dossier_tui.related import Alignment, Corroboration, Link, QuoteCluster, RelatedIndex


class LocalBackend:
    def __init__(self, path: str | Path | None = None, *, follow_links: bool = False,
                 on_notice: Callable[[str], None] | None = None, workspace: Workspace | None = None) -> None:
        self.workspace = workspace if workspace is not None else Workspace(path, follow_links=follow_links, on_notice=on_notice)
        self._annotations: DossierAnnotations | None = None

    @property
    def name(self) -> str:
        return str(self.workspace.path)

    def info(self) -> DossierInfo:
        analysis = self.workspace.analyze()
        return DossierInfo(
            self.name, len(self.workspace.load().articles), 1, None,
            len(analysis.entities) if analysis is not None else 0,
            len(analysis.quotes) if analysis is not None else 0,
        )

    # -- articles -------------------------------------------------------------------------------

    def summaries(self) -> list[ArticleSummary]:
        analysis = self.workspace.analyze()
        related = self.workspace.relate()
        return [
            ArticleSummary(
                a.id, a.title, display_source(a), a.date, a.url, a.author, len(a.paragraphs),
                len(analysis.quotes_in(a.id)) if analysis is not None else 0,
                len(related.same_text_paragraphs(a.id)),
            )
            for a in self.workspace.load().articles
        ]

    def articles(self) -> list[Article]:
        return self.workspace.load().articles

    def article(self, article_id: str) -> Article | None:
        return self.workspace.article(article_id)

    # -- search ---------------------------------------------------------------------------------

    def prepare_search(self, on_progress: Progress | None = None) -> None:
        """The index up to date: from its files alone when nothing changed, else by the stages."""
        if self.workspace.search_index is None and not self.workspace.open_warm():
            for stage in ("load", "analyze", "index"):
                getattr(self.workspace, stage)(on_progress)

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """Ranked hits: from the index when it is ready, by scanning the loaded articles before
        (a face that wants the index first calls `prepare_search`)."""
        return self.workspace.search(query, limit)

    def cancel(self) -> None:
        """In-process searches take milliseconds: the face drops a stale one by its generation."""

    # -- analysis -------------------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        analysis = self.workspace.analyze()
        return analysis.entities if analysis is not None else []

    def entity(self, name_or_alias: str) -> Entity | None:
        analysis = self.workspace.analyze()
        return analysis.entity(name_or_alias) if analysis is not None else None

    def quotes(self, article_id: str | None = None) -> list[Quote]:
        analysis = self.workspace.analyze()
        if analysis is None:
            return []
        return analysis.quotes if article_id is None else analysis.quotes_in(article_id)

    def quote_clusters(self) -> list[QuoteCluster]:
        return self._related().quote_clusters()

    # -- related passages -----------------------------------------------------------------------

    def related(self, article_id: str, paragraph: int, limit: int = 10) -> list[Link]:
        self._check(article_id, paragraph)
        return self._related().links(article_id, paragraph, limit)

    def corroboration(self, article_id: str, paragraph: int) -> Corroboration:
        self._check(article_id, paragraph)
        return self._related().corroboration(article_id, paragraph)

    def compare(self, id_a: str, id_b: str) -> Alignment:
        self._check(id_a)
        self._check(id_b)
        return self._related().compare(id_a, id_b)

    def _related(self) -> RelatedIndex:
        """The stored links when nothing changed (`Workspace.warm_related`), else the stages."""
        if self.workspace.related is not None:
            return self.workspace.related
        self.workspace.analyze()
        return self.workspace.relate()

    def _check(self, article_id: str, paragraph: int | None = None) -> Article:
        article = self.workspace.article(article_id) if self.workspace.related is not None else self.workspace.load().get(article_id)
        if article is None:
            raise DossierError(f"no article with id {article_id!r} (see `dossier list`)")
        if paragraph is not None and not any(p.index == paragraph for p in article.paragraphs):
            raise DossierError(f"{article_id} has no paragraph {paragraph} (it has 0 to {len(article.paragraphs) - 1})")
        return article

    # -- annotations ----------------------------------------------------------------------------

    def annotations(self) -> DossierAnnotations:
        if self._annotations is None:
            from dossier_tui.annotations.dossier_annotations import DossierAnnotations

            self._annotations = DossierAnnotations(self.workspace.load())
        return self._annotations

    def close(self) -> None:
        index = self.workspace.search_index
        if index is not None:
            index.close()
