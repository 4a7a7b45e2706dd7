"""One dossier's index in the user's cache: opened, brought up to date incrementally, searched.

The index is a cache of the dossier's files. Whoosh never fsyncs and a killed writer leaves debris,
so anything that does not open cleanly and match its manifest (code stamp, generation, document
count) is thrown away and rebuilt, with a one-line notice, never a traceback. Only damage is
treated so: an exception from our own code is a bug and propagates (see `_is_damage`).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier_tui import locations
from dossier_tui.index import builder
from dossier_tui.code_stamp import code_stamp
from dossier_tui.index.live_scoring import live_lengths
from dossier_tui.index.manifest import FileState, Manifest, diff, read_stamp
from dossier_tui.index.results import SearchResult
from dossier_tui.index.schema import build_schema
from dossier_tui.model import Article, Dossier, FileStamp

if TYPE_CHECKING:
    from dossier_tui.index.searcher import Searcher

MANIFEST = "manifest.json"


@dataclass(slots=True)
class UpdateReport:
    added: int = 0  # files
    modified: int = 0
    deleted: int = 0
    touched: int = 0  # mtime changed, content the same: no indexing
    articles_indexed: int = 0
    rebuilt: bool = False
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.modified or self.deleted or self.rebuilt)


def index_stamp() -> str:
    """The code that decides what an index holds: the index itself and the loader (an unchanged
    file read by a new loader may give other articles)."""
    return code_stamp("index", "corpus", "model.py", "data")


_WHOOSH = None


def _is_damage(error: BaseException) -> bool:
    """Whether ERROR means damaged or unwritable index files, not a bug: I/O and decoding errors
    always; ValueError, KeyError, IndexError, AttributeError and TypeError only when Whoosh raised
    them (what it does on garbage), never when our own code did."""
    import pickle
    import struct
    import zlib

    from whoosh.index import IndexError as WhooshIndexError

    if isinstance(error, (WhooshIndexError, struct.error, pickle.UnpicklingError, zlib.error, OSError, EOFError)):
        return True
    if not isinstance(error, (ValueError, KeyError, IndexError, AttributeError, TypeError)):
        return False
    global _WHOOSH
    if _WHOOSH is None:
        import whoosh

        _WHOOSH = os.path.dirname(whoosh.__file__) + os.sep
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and frame.tb_frame.f_code.co_filename.startswith(_WHOOSH)


class DossierIndex:
    def __init__(self, root: Path, folder: Path):
        self.root = root
        self.folder = folder
        self._whoosh: Any = None  # whoosh.index.FileIndex (Whoosh has no type hints)
        self._manifest: Manifest | None = None
        self._searcher: Searcher | None = None
        self._articles: dict[str, Article] = {}
        self._analysis = None
        self._lock = threading.RLock()
        # One line for the status bar: why the index was rebuilt, or why it could not be updated.
        self.notice: str | None = None

    @classmethod
    def open(cls, root: str | Path) -> DossierIndex:
        """Open the cached index of the dossier at `root` (never fails; call `update` next)."""
        root = Path(root).resolve()
        index = cls(root, locations.dossier_cache(root) / "index")
        index.notice = index._open_existing()
        return index

    @property
    def ready(self) -> bool:
        return self._searcher is not None

    def _open_existing(self, manifest: Manifest | None = None) -> str | None:
        """Open and check what is on disk; the reason it is unusable, or None when fine or absent."""
        from whoosh import index as whoosh_index

        if not (self.folder / MANIFEST).exists():
            return "index was never completed; rebuilding" if self.folder.exists() and any(self.folder.iterdir()) else None
        try:
            manifest = manifest or Manifest.load(self.folder / MANIFEST)
        except (OSError, ValueError) as error:
            return f"index is damaged ({type(error).__name__}); rebuilding"
        if manifest.stamp != index_stamp():
            return "index was built by another version; rebuilding"
        try:
            ix = whoosh_index.open_dir(str(self.folder))
            if ix.latest_generation() != manifest.generation:
                ix.close()
                return "index was left half-updated; rebuilding"
            from dossier_tui.index.searcher import Searcher

            searcher = Searcher(ix, manifest.words, manifest.lengths)
            expected = sum(len(state.articles) for state in manifest.files.values())
            if searcher.doc_count != expected:
                searcher.close()
                ix.close()
                return "index does not match its manifest; rebuilding"
            searcher.probe()
        except Exception as error:
            if not _is_damage(error):
                raise
            return f"index is damaged ({type(error).__name__}); rebuilding"
        self._whoosh, self._manifest, self._searcher = ix, manifest, searcher
        return None

    def update(
        self,
        dossier: Dossier,
        analysis=None,
        on_progress: Callable[[int, int], None] | None = None,
        inputs: dict[str, str] | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with the loaded dossier: only changed files are reindexed.

        INPUTS (aliases.yaml, analyser, analysis key; `pipeline.index_inputs`) are recorded for
        `warm_open`, with the files that gave no article and the load warnings."""
        with self._lock:
            report = UpdateReport()
            if self.notice:
                report.notices.append(self.notice)
            files = self._files_of(dossier)
            try:
                if self._manifest is None:
                    self._rebuild(dossier, files, analysis, on_progress, report)
                else:
                    self._apply(dossier, files, analysis, on_progress, report)
            except Exception as error:
                if not _is_damage(error):
                    raise
                report.notices.append(f"index could not be updated ({type(error).__name__}: {error}); rebuilding")
                try:
                    self._rebuild(dossier, files, analysis, on_progress, report)
                except Exception as again:  # e.g. an unwritable cache dir
                    if not _is_damage(again):
                        raise
                    self.close()
                    report.notices.append(f"no index ({type(again).__name__}: {again}); searching by scanning")
            if self._searcher is not None and self._manifest is not None:
                self._record_inputs(dossier, files, inputs or {})
            self.notice = "; ".join(report.notices) or None
            self._articles = {a.id: a for a in dossier.articles}
            self._analysis = analysis
            return report

    def serve(self, lookup) -> None:
        """Search without the loaded dossier (`warm_open`): hits come from the stored records,
        names through LOOKUP (`analysis.cache.EntityLookup`, or None without an analysis)."""
        self._articles, self._analysis = {}, lookup

    def article(self, article_id: str) -> Article | None:
        """An article of the dossier, from the loaded one or from the index's stored record."""
        found = self._articles.get(article_id)
        if found is None:
            record = self.record(article_id)
            found = record[0] if record is not None else None
        return found

    def record(self, article_id: str) -> tuple[Article, list] | None:
        """An article and its entity mentions as the index stored them (no loaded dossier needed)."""
        stored = self._searcher.stored(article_id) if self._searcher is not None else None
        return builder.read_record(stored["record"]) if stored is not None and "record" in stored else None

    def search(self, query: str, limit: int = 20) -> SearchResult:
        with self._lock:
            searcher = self._searcher
        if searcher is None:
            raise RuntimeError("the index is not built yet: call update() first")
        try:
            return searcher.search(query, limit, self._articles, self._analysis)
        except Exception as error:
            if not _is_damage(error):
                raise  # a bug: tests must see it, not a switched-off index
            # Damaged under our feet: stop using it (callers see `ready` drop and scan instead).
            self.close()
            self.notice = f"index is damaged ({type(error).__name__}); it is rebuilt on the next open"
            return SearchResult([], self.notice, 0)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            if self._whoosh is not None:
                self._whoosh.close()
            self._searcher = self._whoosh = None

    @classmethod
    def warm_open(cls, root: str | Path, inputs: Callable[[], dict[str, str]], follow_links: bool = False):
        """(index, load warnings, recorded inputs) when nothing the index was built from changed,
        else None.

        Known from a stat of the dossier's files against the manifest: no file is read, hashed
        or parsed, and the analysis is not loaded. INPUTS gives the other inputs as they are now
        (each must equal what was recorded).
        """
        root = Path(root).resolve()
        folder = locations.dossier_cache(root) / "index"
        try:
            manifest = Manifest.load(folder / MANIFEST)
        except (OSError, ValueError):
            return None
        if manifest.stamp != index_stamp() or not manifest.inputs or manifest.inputs.get("follow_links") != str(follow_links):
            return None
        if any(manifest.inputs.get(name) != value for name, value in inputs().items()):
            return None
        # An entry added, deleted or renamed changes its folder's mtime; a file edited in place, its own.
        base = str(root if root.is_dir() else root.parent).rstrip(os.sep) + os.sep
        try:
            if any(os.stat(path).st_mtime_ns != mtime for path, mtime in manifest.folders.items()):
                return None
            files = [(key, (state.size, state.mtime_ns)) for key, state in manifest.files.items()]
            for key, recorded in [*files, *manifest.skipped.items()]:
                info = os.stat(key if os.path.isabs(key) else base + key)
                if (info.st_size, info.st_mtime_ns) != tuple(recorded):
                    return None
        except OSError:
            return None
        index = cls(root, folder)
        if index._open_existing(manifest) is not None:
            return None
        return index, manifest.warnings, manifest.inputs

    # -- internals -------------------------------------------------------------------------------

    def _opened(self) -> Manifest:
        """The manifest of the open index; writing before `update` opened or built it is a bug."""
        if self._manifest is None:
            raise RuntimeError("the index is not open: call update() first")
        return self._manifest

    def _record_inputs(self, dossier: Dossier, files: dict[str, list[Article]], inputs: dict[str, str]) -> None:
        manifest = self._opened()
        indexed = {a.path for articles in files.values() for a in articles}
        base = str(self.root if self.root.is_dir() else self.root.parent).rstrip(os.sep) + os.sep
        skipped = {
            (path[len(base):] if path.startswith(base) else path).replace(os.sep, "/"): [stamp.size, stamp.mtime_ns]
            for path, stamp in dossier.files.items() if path not in indexed
        }
        warnings = [str(w) for w in dossier.warnings]
        now = (skipped, dossier.folders, warnings, inputs)
        if (manifest.skipped, manifest.folders, manifest.warnings, manifest.inputs) == now:
            return
        manifest.skipped, manifest.folders, manifest.warnings, manifest.inputs = now
        try:
            manifest.save(self.folder / MANIFEST)
        except OSError:
            pass  # the next open takes the slow path: only speed lost


    def _files_of(self, dossier: Dossier) -> dict[str, list[Article]]:
        """Articles by file, keyed by the path relative to the dossier (string work: 3,824 paths
        through pathlib cost 0.2 s of a reopen)."""
        base = self.root if self.root.is_dir() else self.root.parent
        inside = str(base).rstrip(os.sep) + os.sep
        files: dict[str, list[Article]] = {}
        for article in dossier.articles:
            path = article.path if os.path.isabs(article.path) else inside + article.path
            if not path.startswith(inside):
                path = os.path.realpath(path)
            key = path[len(inside):] if path.startswith(inside) else path
            files.setdefault(key.replace(os.sep, "/"), []).append(article)
        return files

    def _path(self, key: str) -> str:
        base = self.root if self.root.is_dir() else self.root.parent
        return os.path.join(base, key)

    def _rebuild(self, dossier, files, analysis, on_progress, report: UpdateReport) -> None:
        from whoosh import index as whoosh_index

        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(self.folder), build_schema())
        manifest = Manifest(index_stamp(), -1)
        self._whoosh, self._manifest = ix, manifest
        report.rebuilt = True
        report.added = len(files)
        self._write(dossier, files, list(files), [], analysis, on_progress, report)

    def _apply(self, dossier, files, analysis, on_progress, report: UpdateReport) -> None:
        manifest = self._opened()
        changes = diff(manifest, {key: self._stamp(dossier, key, articles) for key, articles in files.items()})
        entity_fields = {}
        stale_entities = []
        if analysis is not None or any(state.entities for state in manifest.files.values()):
            # A changed analysis (aliases.yaml edited, a smarter analyser) reindexes the files it touches.
            for key, articles in files.items():
                fields = [builder.entity_fields(a.id, analysis) for a in articles]
                entity_fields[key] = fields
                known = manifest.files.get(key)
                if known is not None and key not in changes.modified and known.entities != builder.entities_key(fields):
                    stale_entities.append(key)
        for key, state in changes.touched.items():
            manifest.files[key] = state
        report.touched = len(changes.touched)
        to_index = changes.added + changes.modified + stale_entities
        report.added, report.modified, report.deleted = len(changes.added), len(changes.modified), len(changes.deleted)
        if not to_index and not changes.deleted:
            if changes.touched:
                manifest.save(self.folder / MANIFEST)
            if on_progress is not None:
                on_progress(0, 0)
            return
        self._write(dossier, files, to_index, changes.deleted, analysis, on_progress, report, entity_fields)

    def _stamp(self, dossier: Dossier, key: str, articles: list[Article]) -> FileStamp:
        """The file as the loader read it (what the index holds), else as it is now."""
        return dossier.files.get(articles[0].path) or read_stamp(self._path(key))

    def _write(self, dossier, files, to_index, deleted, analysis, on_progress, report, entity_fields=None) -> None:
        from dossier_tui.index.searcher import Searcher

        manifest = self._opened()
        entity_fields = entity_fields or {}
        batch: list[Any] = []
        states = {}
        for key in to_index:
            articles = files[key]
            fields = entity_fields.get(key) or [builder.entity_fields(a.id, analysis) for a in articles]
            batch.extend((a, key, f) for a, f in zip(articles, fields))
            read = self._stamp(dossier, key, articles)
            states[key] = FileState(read.size, read.mtime_ns, read.sha1, [a.id for a in articles], builder.entities_key(fields))
        vocabulary = set(manifest.words)
        from whoosh.index import LockError

        try:
            writer = self._whoosh.writer(limitmb=builder.WRITER_LIMIT_MB, timeout=2.0)
        except LockError:
            # Whoosh's lock is an OS file lock, gone with a dead holder: this one is alive.
            if self._searcher is None and manifest.generation >= 0:
                report.notices.append("another process is updating this index; using the last complete version")
                self._searcher = Searcher(self._whoosh, manifest.words, manifest.lengths)
            else:
                report.notices.append("another process is building this index; searching by scanning")
            return
        try:
            for key in (*deleted, *(k for k in to_index if k in manifest.files)):
                writer.delete_by_term("file", key)
            builder.write(writer, batch, vocabulary, on_progress, analysis)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        for key in deleted:
            manifest.files.pop(key, None)
        manifest.files.update(states)
        manifest.words = sorted(vocabulary)
        manifest.generation = self._whoosh.latest_generation()
        manifest.lengths = live_lengths(self._whoosh)
        manifest.save(self.folder / MANIFEST)
        report.articles_indexed = len(batch)
        if self._searcher is None:
            self._searcher = Searcher(self._whoosh, manifest.words, manifest.lengths)
        else:
            self._searcher.refresh(manifest.words, manifest.lengths)

