"""Articles already read, kept per dossier so that a big one opens in a fraction of the time.

Each entry is keyed by the file's path and the SHA-1 of its bytes, and the whole cache by a stamp
of the loader's own code and data files: change an article, a furniture rule or the loader, and
what it touches is read again. The cache only saves time: one that cannot be read or written is
ignored (and rebuilt), never an error.
"""

from __future__ import annotations

from pathlib import Path

from dossier_tui import cache_file
from dossier_tui.code_stamp import code_stamp
from dossier_tui.locations import dossier_cache
from dossier_tui.model import Article, LoadWarning

Entry = tuple[list[Article], list[LoadWarning]]
_DATA_FILES = tuple(
    f"data/{name}" for name in ("furniture.txt", "abbreviations.txt", "outlet_words.txt", "record_fields.txt")
)


def loader_stamp() -> str:
    """The loader's code and data files: what it reads from a file changes with them."""
    return code_stamp("corpus", "model.py", *_DATA_FILES)


class LoadCache:
    def __init__(self, file: Path, entries: dict[tuple[str, str], Entry]) -> None:
        self.file = file
        self.entries = entries
        self.used: dict[tuple[str, str], Entry] = {}

    @classmethod
    def open(cls, root: Path) -> LoadCache:
        file = dossier_cache(root) / "corpus" / "articles.pickle"
        entries, _ = cache_file.read(file, loader_stamp())  # missing, damaged or from another version: afresh
        return cls(file, entries if isinstance(entries, dict) else {})

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
        if self.used.keys() != self.entries.keys():
            cache_file.write(self.file, loader_stamp(), self.used)
