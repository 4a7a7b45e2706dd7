"""What the index holds, per dossier file: size, mtime and content hash, and the article ids it gave.

The manifest is written after every index commit (atomically) together with the index generation
it describes and the stamp of the code that built it; a manifest that does not match the index
means a half-finished update, another stamp another version: either way the index is rebuilt.
The sizes, mtimes and hashes are those of the bytes the loader read (`Dossier.files`), never the
file as it is when the manifest is written: an edit made during a build is seen by the next open.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dossier_tui.atomic_write import write_atomically
from dossier_tui.model import FileStamp


@dataclass(slots=True)
class FileState:
    size: int
    mtime_ns: int
    sha1: str
    articles: list[str] = field(default_factory=list)
    # Hash of the entity fields its articles were indexed with: a changed analysis reindexes them.
    entities: str = ""


@dataclass(slots=True)
class Manifest:
    stamp: str
    generation: int
    files: dict[str, FileState] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # sorted surface words, for prefix expansion
    # What a warm open checks without loading the dossier (see `warm_open`): the files read that
    # gave no article (name -> [size, mtime_ns]), the load warnings to show again, and the other
    # inputs of the index (aliases.yaml, the analyser, the analysis key).
    skipped: dict[str, list[int]] = field(default_factory=dict)
    folders: dict[str, int] = field(default_factory=dict)  # folder (absolute) -> mtime_ns when read
    warnings: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    # Per scored field, the total length of the live documents (see index/live_scoring.py).
    lengths: dict[str, int] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        data = {
            "stamp": self.stamp,
            "generation": self.generation,
            "files": {name: asdict(state) for name, state in sorted(self.files.items())},
            "words": self.words,
            "skipped": self.skipped,
            "folders": self.folders,
            "warnings": self.warnings,
            "inputs": self.inputs,
            "lengths": self.lengths,
        }
        write_atomically(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Raises ValueError (or OSError) on anything unreadable: the caller rebuilds."""
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            files = {name: FileState(**state) for name, state in data["files"].items()}
            return cls(
                str(data.get("stamp")), int(data["generation"]), files, list(data["words"]),
                {str(k): [int(v[0]), int(v[1])] for k, v in data.get("skipped", {}).items()},
                {str(k): int(v) for k, v in data.get("folders", {}).items()},
                [str(w) for w in data.get("warnings", [])],
                {str(k): str(v) for k, v in data.get("inputs", {}).items()},
                {str(k): int(v) for k, v in data.get("lengths", {}).items()},
            )
        except (KeyError, TypeError, AttributeError, IndexError) as error:
            raise ValueError(f"malformed manifest: {error}") from error


@dataclass(slots=True)
class Changes:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    touched: dict[str, FileState] = field(default_factory=dict)  # new mtime, same content

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.deleted)


def read_stamp(path: str) -> FileStamp:
    """The file as it is now (for a dossier built without `Dossier.files`)."""
    info = os.stat(path)
    with open(path, "rb") as handle:
        return FileStamp(info.st_size, info.st_mtime_ns, hashlib.sha1(handle.read()).hexdigest())


def diff(manifest: Manifest, files: dict[str, FileStamp]) -> Changes:
    """Files added, modified (size or mtime differ and the hash confirms it) and deleted, from the
    stamps of what was loaded: no file is read again here."""
    changes = Changes()
    for name, now in files.items():
        known = manifest.files.get(name)
        if known is None:
            changes.added.append(name)
        elif (now.size, now.mtime_ns) == (known.size, known.mtime_ns):
            continue
        elif now.sha1 == known.sha1:
            changes.touched[name] = FileState(now.size, now.mtime_ns, now.sha1, known.articles, known.entities)
        else:
            changes.modified.append(name)
    changes.deleted = sorted(set(manifest.files) - set(files))
    return changes
