"""What a dossier's files were at its last load, so that a stat of them tells it unchanged.

Every load records one (`Workspace.load`); the warm paths read it back and, when no file, folder
or setting moved, answer without reading, hashing or parsing a file: from the listing it holds
(the articles without their text), or from results stored under its `key` (`stored_result`).

The key is a fingerprint of what the loader read (each file's path and SHA-1, the load warnings,
the loader's code, the follow-links setting): a file touched but not changed makes a new snapshot
with the same key, so results stored under it stay good. Stamped and written with `cache_file`:
a missing or damaged snapshot only means the slow path.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from dossier_tui import cache_file
from dossier_tui.corpus.load_cache import loader_stamp
from dossier_tui.locations import dossier_cache
from dossier_tui.model import Article, Dossier, LoadWarning


@dataclass(slots=True)
class Snapshot:
    key: str
    files: dict[str, tuple[int, int]]  # every file found (absolute) -> (size, mtime_ns) when read
    folders: dict[str, int]  # every folder listed -> its mtime_ns (an entry added, removed or renamed moves it)
    warnings: list[LoadWarning]
    articles: list[Article]  # the listing: every article without its paragraphs


def _file(root: str | Path) -> Path:
    return dossier_cache(root) / "snapshot.pickle"


def _stamp(follow_links: bool) -> str:
    return f"{loader_stamp()}:{follow_links}"


def record(dossier: Dossier, follow_links: bool) -> Snapshot:
    """The snapshot of a dossier just loaded, stored for the next warm open (when it differs)."""
    digest = hashlib.sha1(_stamp(follow_links).encode())
    for path in sorted(dossier.files):
        read = dossier.files[path]
        digest.update(f"\0{path}\0{read.sha1 or (read.size, read.mtime_ns)}".encode("utf-8", "surrogateescape"))
    for warning in dossier.warnings:
        digest.update(f"\0{warning}".encode("utf-8", "surrogateescape"))
    snapshot = Snapshot(
        digest.hexdigest(),
        {path: (read.size, read.mtime_ns) for path, read in dossier.files.items()},
        dict(dossier.folders),
        list(dossier.warnings),
        [replace(article, paragraphs=[]) for article in dossier.articles],
    )
    file, stamp = _file(dossier.root), _stamp(follow_links)
    stored, _ = cache_file.read(file, stamp)
    if not isinstance(stored, Snapshot) or (stored.key, stored.files, stored.folders) != (snapshot.key, snapshot.files, snapshot.folders):
        cache_file.write(file, stamp, snapshot)
    return snapshot


def unchanged(path: str | Path, follow_links: bool) -> Snapshot | None:
    """The last load's snapshot when no file or folder it found has changed since (sizes and
    mtimes; nothing is read), else None."""
    try:
        root = Path(path).expanduser().resolve()
    except (OSError, RuntimeError):
        return None
    snapshot, _ = cache_file.read(_file(root), _stamp(follow_links))
    if not isinstance(snapshot, Snapshot):
        return None
    try:
        if any(os.stat(folder).st_mtime_ns != mtime for folder, mtime in snapshot.folders.items()):
            return None
        for file, (size, mtime) in snapshot.files.items():
            info = os.stat(file)
            if info.st_size != size or info.st_mtime_ns != mtime:
                return None
    except OSError:
        return None
    return snapshot
