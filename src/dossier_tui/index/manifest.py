"""What the index holds, per dossier file: size, mtime and content hash, and the article ids it gave.

The manifest is written after every index commit (atomically, by rename) together with the index
generation it describes; a manifest that does not match the index means a half-finished update, and
the index is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


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
    schema: int
    generation: int
    files: dict[str, FileState] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # sorted surface words, for prefix expansion

    def save(self, path: Path) -> None:
        data = {
            "schema": self.schema,
            "generation": self.generation,
            "files": {name: asdict(state) for name, state in sorted(self.files.items())},
            "words": self.words,
        }
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Raises ValueError (or OSError) on anything unreadable: the caller rebuilds."""
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            files = {name: FileState(**state) for name, state in data["files"].items()}
            return cls(int(data["schema"]), int(data["generation"]), files, list(data["words"]))
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed manifest: {error}") from error


@dataclass(slots=True)
class Changes:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    touched: dict[str, FileState] = field(default_factory=dict)  # new mtime, same content

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.deleted)


def file_hash(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha1(handle.read()).hexdigest()


def stat_state(path: str) -> FileState:
    info = os.stat(path)
    return FileState(info.st_size, info.st_mtime_ns, "")


def diff(manifest: Manifest, files: dict[str, str]) -> Changes:
    """Files added, modified (size or mtime differ and the hash confirms it) and deleted."""
    changes = Changes()
    for name, path in files.items():
        known = manifest.files.get(name)
        if known is None:
            changes.added.append(name)
            continue
        now = stat_state(path)
        if (now.size, now.mtime_ns) == (known.size, known.mtime_ns):
            continue
        now.sha1 = file_hash(path)
        if now.sha1 == known.sha1:
            changes.touched[name] = FileState(now.size, now.mtime_ns, now.sha1, known.articles, known.entities)
        else:
            changes.modified.append(name)
    changes.deleted = sorted(set(manifest.files) - set(files))
    return changes
