"""The one way both faces open a dossier: stages with progress, so the reader paints after `load`.

load -> analyze -> index -> relate. Each stage runs the earlier ones it needs, reports
`on_progress(stage, done, total)`, and keeps its result; a face may run the stages from worker
threads (the reader does) and search at any moment: until the index is ready, `search` scans the
loaded articles.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dossier_tui.locations import builtin_dossier
from dossier_tui.model import Dossier

if TYPE_CHECKING:  # imported by the stages that need them (start-up stays light)
    from dossier_tui.analysis.records import Analysis
    from dossier_tui.index import DossierIndex, ScanSearch
    from dossier_tui.model import Article
    from dossier_tui.related import RelatedIndex
    from dossier_tui.snapshot import Snapshot

Stage = Literal["load", "analyze", "index", "relate"]
Progress = Callable[[str, int, int], None]


def _stage(on_progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    if on_progress is None:
        return None
    return lambda done, total: on_progress(stage, done, total)


def _inputs(root: str | Path) -> dict[str, str]:
    """What the index depends on beside the files: the user's aliases and the analyser's code."""
    from dossier_tui.analysis.cache import aliases_digest, analyser_version

    root = Path(root).resolve()
    return {"aliases": aliases_digest(root), "analyser": analyser_version()}


class Workspace:
    # The stages `open_all` runs, in order.
    STAGES: tuple[Stage, ...] = ("load", "analyze", "index", "relate")

    def __init__(
        self, path: str | Path | None = None, *, follow_links: bool = False, on_notice: Callable[[str], None] | None = None
    ):
        self.path = Path(path) if path is not None else builtin_dossier()
        self.follow_links = follow_links  # read symlinks that point outside the dossier's folder
        # Told at once what the user should know while it lasts (waiting for another process);
        # without it such notices join `notices`.
        self.on_notice = on_notice
        self.dossier: Dossier | None = None
        # The files as last loaded (`load` records it, `warm` checks it): what stored results are keyed by.
        self.snapshot: Snapshot | None = None
        self.analysis: Analysis | None = None  # once analysed
        self.search_index: DossierIndex | None = None  # once up to date
        self.related: RelatedIndex | None = None  # once linked
        self.notices: list[str] = []  # one-line notices for the user (index rebuilt, ...)
        self.warm_warnings: list[str] = []  # the load warnings recorded by the index (`open_warm`)
        self._scan: ScanSearch | None = None
        self._warm_inputs: dict[str, str] = {}  # what the index was built from (`open_warm`)
        self._warm_names = True  # the index searches with the entity names (False: `open_warm(names=False)`)
        # One lock per stage: a search (or an earlier stage's result) never waits for a later
        # stage that is still running.
        self._locks = {stage: threading.Lock() for stage in self.STAGES}

    def load(self, on_progress: Progress | None = None) -> Dossier:
        if self.dossier is not None:
            return self.dossier
        with self._locks["load"]:
            if self.dossier is None:
                from dossier_tui.corpus import load_dossier

                from dossier_tui import snapshot

                progress = _stage(on_progress, "load")
                dossier = load_dossier(self.path, on_progress=progress, follow_links=self.follow_links)
                self.snapshot = snapshot.record(dossier, self.follow_links)
                self.dossier = dossier
            return self.dossier

    def warm(self) -> Snapshot | None:
        """The last load's snapshot when nothing changed since (a stat of every file and folder
        it found; no file is read): results stored under its key still hold. None otherwise."""
        if self.snapshot is None:
            from dossier_tui import snapshot

            self.snapshot = snapshot.unchanged(self.path, self.follow_links)
        return self.snapshot

    def result_stamp(self, *code: str) -> str | None:
        """The stamp of a whole-dossier result computed from the files as they are (the snapshot
        key of `warm` or `load`), the aliases, the analyser and CODE (files of the package that
        shape the result); None while the files are not known unchanged or loaded."""
        from dossier_tui.code_stamp import code_stamp

        if self.snapshot is None:
            return None
        return ":".join([self.snapshot.key, *_inputs(self.path).values(), code_stamp(*code)])

    def warm_listing(self) -> list[Article] | None:
        """Every article without its paragraphs (id, path, title, source, date, url, author,
        digest) when nothing changed since the last load, else None: what a list paints first."""
        found = self.warm()
        return found.articles if found is not None else None

    def analyze(self, on_progress: Progress | None = None):
        """Entities and quotes, or None while the analysis package is not installed."""
        dossier = self.load()
        with self._locks["analyze"]:
            if self.analysis is None:
                try:
                    from dossier_tui.analysis import analyze
                except ImportError:
                    return None
                analysis = analyze(dossier, on_progress=_stage(on_progress, "analyze"))
                analysis.index_spellings()
                self.analysis = analysis
                self._scan = None
            return self.analysis

    def index(self, on_progress: Progress | None = None):
        """The dossier's search index, brought up to date (only changed files are reindexed)."""
        from dossier_tui.index import DossierIndex
        from dossier_tui.index.build_lock import WAIT_LIMIT, LockWaitTimeout, build_lock
        from dossier_tui.locations import dossier_cache

        dossier = self.load()
        analysis = self.analysis if self.analysis is not None else self.analyze()
        progress = _stage(on_progress, "index")

        def waiting(holder: str) -> None:
            (self.on_notice or self.notices.append)(
                f"{holder} is indexing this dossier; waiting for it (at most {WAIT_LIMIT:.0f} s)"
            )
            if progress is not None:
                progress(0, 0)

        with self._locks["index"]:
            if self.search_index is None:
                inputs = {**_inputs(dossier.root), "follow_links": str(self.follow_links)}
                if analysis is not None:
                    from dossier_tui.analysis.cache import DossierAnalysisCache, EntityLookup

                    inputs["analysis"] = DossierAnalysisCache(dossier).key
                    EntityLookup(dossier.root, inputs["analysis"]).save(analysis)
                # Another process building the same index: wait, then find it built.
                try:
                    with build_lock(dossier_cache(dossier.root), waiting):
                        index = DossierIndex.open(dossier.root)
                        report = index.update(dossier, analysis, on_progress=progress, inputs=inputs)
                except LockWaitTimeout as timeout:
                    (self.on_notice or self.notices.append)(str(timeout))
                    return None  # `search` scans the loaded articles
                self.notices.extend(report.notices)
                self.search_index = index  # when it could not be built (`ready` false), search scans
            return self.search_index

    def open_warm(self, names: bool = True) -> bool:
        """Make `search` answer from the index alone when nothing it was built from changed (a
        stat of every file against the manifest, aliases.yaml and the analyser the same): no
        loading, no analysis, no hashing. False when something changed: run the stages.

        NAMES: also read the entity names a search needs to find every spelling (False: the
        index's records only, for `warm_related`; a later call with NAMES reads them)."""
        from dossier_tui.index import DossierIndex

        if self.search_index is None:
            try:
                found = DossierIndex.warm_open(self.path, lambda: _inputs(self.path), self.follow_links)
            except OSError:
                return False
            if found is None:
                return False
            index, self.warm_warnings, self._warm_inputs = found
            index.serve(None)
            self.search_index, self._warm_names = index, False
        if names and not self._warm_names and self._warm_inputs.get("analysis"):
            from dossier_tui.analysis.cache import EntityLookup

            lookup = EntityLookup(self.search_index.root, self._warm_inputs["analysis"]).load()
            if lookup is None:
                self.search_index.close()
                self.search_index = None
                return False
            self.search_index.serve(lookup)
            self._warm_names = True
        return True

    def warm_related(self) -> RelatedIndex | None:
        """The links as the last relate stage stored them, when nothing changed since (`open_warm`):
        articles and mentions are read from the index's records as a lookup needs them (one
        article's links read a few dozen). None when something changed: run the stages."""
        if self.related is not None:
            return self.related
        if self.dossier is not None or not self.open_warm(names=False) or self.search_index is None:
            return None
        from dossier_tui.locations import dossier_cache
        from dossier_tui.related import RelatedIndex

        records = _IndexRecords(self.search_index)
        self.related = RelatedIndex.stored(dossier_cache(self.path) / "related", self._warm_inputs.get("analysis", ""), records)
        return self.related

    def relate(self, on_progress: Progress | None = None):
        """Links between passages of different articles (only changed articles are relinked)."""
        from dossier_tui.locations import dossier_cache
        from dossier_tui.related import RelatedIndex

        dossier = self.load()
        analysis = self.analysis if self.analysis is not None else self.analyze()
        with self._locks["relate"]:
            if self.related is None:
                folder = dossier_cache(dossier.root) / "related"
                inputs = ""
                if analysis is not None:  # what `warm_related` checks the stored links against
                    from dossier_tui.analysis.cache import DossierAnalysisCache

                    inputs = DossierAnalysisCache(dossier).key
                self.related = RelatedIndex.build(dossier, analysis, folder, on_progress=_stage(on_progress, "relate"), inputs=inputs)
                if self.related.notice:
                    self.notices.append(self.related.notice)
            return self.related

    def open_all(self, on_progress: Progress | None = None) -> Workspace:
        """Every stage, for CLI commands."""
        for stage in self.STAGES:
            getattr(self, stage)(on_progress)
        return self

    def article(self, article_id: str):
        """One article: from the loaded dossier, or from the index after `open_warm`."""
        if self.dossier is not None:
            return self.dossier.get(article_id)
        return self.search_index.article(article_id) if self.search_index is not None else None

    def search(self, query: str, limit: int = 20):
        """Ranked hits from the index once it is ready, by scanning the loaded articles before."""
        index = self.search_index
        if index is not None and index.ready:
            return index.search(query, limit)
        from dossier_tui.index import ScanSearch

        dossier = self.load()
        if self._scan is None:
            self._scan = ScanSearch(dossier, self.analysis)
        return self._scan.search(query, limit)


class _IndexRecords:
    """An article and its entity mentions from the search index's stored records, each read once."""

    def __init__(self, index: DossierIndex) -> None:
        self._index = index
        self._read: dict[str, tuple[Article, list] | None] = {}

    def _record(self, article_id: str) -> tuple[Article, list] | None:
        if article_id not in self._read:
            self._read[article_id] = self._index.record(article_id)
        return self._read[article_id]

    def article(self, article_id: str) -> Article | None:
        record = self._record(article_id)
        return record[0] if record is not None else None

    def mentions(self, article_id: str) -> list[tuple[int, int, int, str]]:
        record = self._record(article_id)
        return [(m.paragraph, m.start, m.end, m.entity) for m in record[1]] if record is not None else []
