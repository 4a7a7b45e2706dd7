"""Articles already read, kept per dossier so that a big one opens in a fraction of the time.

Each entry is keyed by the file's path and the SHA-1 of its bytes, and the whole cache by a stamp
of the loader's own code and data files: change an article, a furniture rule or the loader, and
what it touches is read again. The cache only saves time: one that cannot be read or written is
ignored (and rebuilt), never an error.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path

from dossier_tui.code_stamp import code_stamp
from dossier_tui.locations import dossier_cache
from dossier_tui.model import Article, LoadWarning

Entry = tuple[list[Article], list[LoadWarning]]
_DATA_FILES = tuple(
    f"data/{name}" for name in ("furniture.txt", "abbreviations.txt", "outlet_words.txt", "record_fields.txt")
)


def _stamp() -> str:
    return code_stamp("corpus", "model.py", *_DATA_FILES)


class LoadCache:
    def __init__(self, file: Path, entries: dict[tuple[str, str], Entry]) -> None:
        self.file = file
        self.entries = entries
        self.used: dict[tuple[str, str], Entry] = {}

    @classmethod
    def open(cls, root: Path) -> LoadCache:
        file = dossier_cache(root) / "corpus" / "articles.pickle"
        try:
            with file.open("rb") as handle:
                stamp, entries = pickle.load(handle)
            if stamp == _stamp() and isinstance(entries, dict):
                return cls(file, entries)
        except Exception:  # missing, damaged or from another version: start afresh
            pass
        return cls(file, {})

    def get(self, key: tuple[str, str]) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: tuple[str, str], entry: Entry) -> Entry:
        self.used[key] = entry
        return entry

    def save(self) -> None:
        """Keep what this load used (files gone or changed drop out); only when something changed."""
        if self.used.keys() == self.entries.keys():
            return
        temporary = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            # A file of its own, then an atomic rename: concurrent loads never see half a cache.
            descriptor, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=self.file.name, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump((_stamp(), self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
