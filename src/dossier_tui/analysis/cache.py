"""Analysis results on disk, so reopening an unchanged dossier does no analysis work.

- Per article: keyed by the article's content digest and the analyser version (code and data
  files), in one SQLite file under `cache_dir()/analysis`, shared by every dossier (the same
  article in two dossiers is analysed once), safe against concurrent readers and half-finished
  writes. A changed article is extracted again, alone.
- Per dossier: the assembled Analysis (clusters, user aliases, speakers), keyed by every
  article's digest, the analyser version and aliases.yaml, under `dossier_cache(root)`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from dossier_tui.analysis.records import Analysis
from dossier_tui import cache_file
from dossier_tui.code_stamp import code_stamp
from dossier_tui.locations import cache_dir, dossier_cache
from dossier_tui.model import Dossier

if TYPE_CHECKING:  # the extraction and the aliases parser are imported when used: a warm command reads a stamp here
    from dossier_tui.analysis.article_analysis import ArticleAnalysis


def analyser_version() -> str:
    """Changes with the analysis code, the model or any data file: old results are never reused."""
    return code_stamp("analysis", "model.py", "data")


def cache_path() -> Path:
    return cache_dir() / "analysis" / f"{analyser_version()}.sqlite"


class AnalysisCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path)
                self._db.execute("CREATE TABLE IF NOT EXISTS results (digest TEXT PRIMARY KEY, data TEXT)")
            except (OSError, sqlite3.DatabaseError):
                # An unusable cache (read-only disk, corrupt file) only costs speed.
                self._db = None
        return self._db

    def get_many(self, digests: list[str]) -> dict[str, ArticleAnalysis]:
        from dossier_tui.analysis.article_analysis import ArticleAnalysis

        db = self._connect()
        found: dict[str, ArticleAnalysis] = {}
        if db is None:
            return found
        try:
            for start in range(0, len(digests), 500):
                chunk = digests[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for digest, data in db.execute(f"SELECT digest, data FROM results WHERE digest IN ({marks})", chunk):
                    found[digest] = ArticleAnalysis.from_json(json.loads(data))
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
            return {}
        return found

    def put_many(self, results: dict[str, ArticleAnalysis]) -> None:
        db = self._connect()
        if db is None or not results:
            return
        rows = [(d, json.dumps(r.to_json(), ensure_ascii=False, separators=(",", ":"))) for d, r in results.items()]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)
        except sqlite3.DatabaseError:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class DossierAnalysisCache:
    """The last assembled Analysis of one dossier, valid while nothing it was made from changed."""

    def __init__(self, dossier: Dossier) -> None:
        self.path = dossier_cache(dossier.root) / "analysis.pickle"
        key = hashlib.sha1(analyser_version().encode())
        for article in dossier.articles:
            key.update(f"\0{article.id}\0{article.digest}".encode("utf-8", "surrogateescape"))
        from dossier_tui.analysis.alias_files import alias_files

        for aliases in alias_files(dossier.root):
            try:
                key.update(b"\0" + (aliases.read_bytes() if aliases.is_file() else b""))
            except OSError:
                key.update(b"unreadable")
        self.key = key.hexdigest()
        self.articles = len(dossier.articles)

    def load(self) -> Analysis | None:
        # The key is the stamp: it covers the analyser version as well as the articles.
        analysis, _ = cache_file.read(self.path, self.key)
        if not isinstance(analysis, Analysis):
            return None
        analysis.extracted, analysis.cached = 0, self.articles
        return analysis

    def save(self, analysis: Analysis) -> None:
        cache_file.write(self.path, self.key, analysis)


class EntityLookup:
    """The dossier's entity names alone (no mentions, no quotes), with the spelling tables built:
    what a warm search needs to find every spelling of a name, read in a fraction of the time of
    the whole analysis. One file per analysis key; a new one replaces the others."""

    PREFIX = "entities-"

    def __init__(self, root: str | Path, key: str) -> None:
        self.folder = dossier_cache(root)
        self.key = key
        self.path = self.folder / f"{self.PREFIX}{key[:16]}.pickle"

    def load(self) -> Analysis | None:
        tables, _ = cache_file.read(self.path, self.key)
        if not isinstance(tables, tuple) or len(tables) != 3:
            return None
        return Analysis.from_name_tables(tables)

    def save(self, analysis: Analysis) -> None:
        if self.path.exists() and self.load() is not None:
            return
        if cache_file.write(self.path, self.key, analysis.name_tables()):
            for old in self.folder.glob(f"{self.PREFIX}*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)


def aliases_digest(root: str | Path) -> str:
    """SHA-1 of the dossier's alias files, its aliases.yaml and the user's ("" when there is none)."""
    from dossier_tui.analysis.alias_files import alias_files

    digest, found = hashlib.sha1(), False
    for aliases in alias_files(root):
        try:
            if aliases.is_file():
                digest.update(str(aliases).encode("utf-8", "surrogateescape") + b"\0" + aliases.read_bytes())
                found = True
        except OSError:
            return "unreadable"
    return digest.hexdigest() if found else ""
