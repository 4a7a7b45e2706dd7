"""The annotation store: an append-only log (`annotations.jsonl`, see log_format) with atomic compaction.

Where: `annotations.jsonl` in the dossier folder, so it travels with the dossier (copy, sync, git).
The built-in dossier, a one-file dossier, or a folder where the file cannot be created use
`$XDG_DATA_HOME/dossier-tui/annotations/<dossier>.jsonl` instead. A read-only dossier that holds
its own `annotations.jsonl` (shared, checked out of git, mounted read-only) keeps it as a base:
it is read first and never written, and the changes go to the data-dir log, read on top of it.

Why a log: every change is one line appended with a single write() under an exclusive lock and
flushed to disk before it is acknowledged, so a process killed at any moment leaves every
acknowledged change and at most one torn last line (ignored on reading, cut off by the next
writer), and two processes writing at once never lose each other's lines: each catches up on the
other's lines (under the lock) before it writes. When most lines are superseded the log is
rewritten whole (same lock, temporary file and rename); readers notice the new file and read it
again.

A line that cannot be read (bad JSON, a wrong field, a newer format) is reported as
`path:line: message`; the store then refuses every write (read-only) and never rewrites the file,
so nothing the user wrote is lost while they fix it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from dossier_tui import locations
from dossier_tui.annotations import log_format
from dossier_tui.annotations.log_format import FormatProblem
from dossier_tui.annotations.records import Annotation, ArticleState, now
from dossier_tui.atomic_write import write_atomically
from dossier_tui.model import DossierError

FILE_NAME = "annotations.jsonl"
# Rewrite the log when superseded lines are this many and outnumber the live ones.
COMPACT_AFTER = 500
_CANNOT_CREATE = {errno.EACCES, errno.EPERM, errno.EROFS}


class AnnotationStoreError(DossierError):
    """A change that could not be stored (read-only store, unwritable file): one line for the user."""


def store_path(root: str | Path) -> Path:
    """Where changes to the annotations of the dossier at ROOT are written (may not exist yet)."""
    root = Path(root)
    fallback = _fallback_path(root)
    if not _in_dossier_allowed(root):
        return fallback
    inside = root / FILE_NAME
    if fallback.exists() or (inside.exists() and not os.access(inside, os.W_OK)):
        return fallback
    return inside


def _base_path(root: Path, path: Path) -> Path | None:
    """The dossier's own file when changes are written elsewhere (a read-only dossier's notes)."""
    inside = root / FILE_NAME
    return inside if path != inside and _in_dossier_allowed(root) and inside.exists() else None


def _fallback_path(root: Path) -> Path:
    return locations.data_dir() / "annotations" / f"{locations.dossier_key(root)}.jsonl"


def _in_dossier_allowed(root: Path) -> bool:
    return root.is_dir() and root.resolve() != locations.builtin_dossier().resolve()


class Keeper(Protocol):
    """What the reader and the CLI need of a store: this file's AnnotationStore, or a published
    dossier's SharedAnnotationStore (backends/postgres) on its database server."""

    notes: dict[str, Annotation]
    states: dict[str, ArticleState]

    @property
    def problem(self) -> str | None: ...

    @property
    def elsewhere(self) -> str | None: ...

    def reload(self) -> bool: ...

    def is_read(self, article_id: str) -> bool: ...

    def flags(self, article_id: str) -> set[str]: ...

    def find(self, note_id: str) -> Annotation: ...

    def put(self, annotation: Annotation) -> Annotation: ...

    def delete(self, note_id: str) -> None: ...

    def set_read(self, article_ids: Iterable[str], read: bool = True, digests: Mapping[str, str] | None = None) -> int: ...

    def set_flag(self, article_id: str, flag: str, on: bool = True, digest: str | None = None) -> bool: ...


class AnnotationQueries:
    """What every store answers from what it holds: the local log here, a database server's
    tables in backends/postgres/shared_annotations.py."""

    notes: dict[str, Annotation]
    states: dict[str, ArticleState]

    def is_read(self, article_id: str) -> bool:
        state = self.states.get(article_id)
        return state is not None and state.read

    def flags(self, article_id: str) -> set[str]:
        state = self.states.get(article_id)
        return set(state.flags) if state is not None else set()

    def find(self, note_id: str) -> Annotation:
        """The annotation with this id, or the only one it starts (at least 4 characters)."""
        if note_id in self.notes:
            return self.notes[note_id]
        matches = [a for key, a in self.notes.items() if len(note_id) >= 4 and key.startswith(note_id)]
        if len(matches) == 1:
            return matches[0]
        raise AnnotationStoreError(f"no note with id {note_id!r} (see `dossier notes`)" if not matches else f"{note_id!r} matches several notes; give more of the id")

    @staticmethod
    def flag_name(flag: str) -> str:
        flag = " ".join(flag.split())
        if not flag:
            raise AnnotationStoreError("a flag needs a name")
        return flag


class AnnotationStore(AnnotationQueries):
    """The annotations, flags and read state of one dossier, kept in step with its log file."""

    def __init__(self, root: str | Path, path: Path | None = None) -> None:
        self.root = Path(root)
        self.path = path or store_path(self.root)
        # The read-only dossier's own file, read under the changes in self.path (never written).
        base = None if path else _base_path(self.root, self.path)
        self._base = AnnotationStore(self.root, base) if base else None
        self.notes: dict[str, Annotation] = {}
        self.states: dict[str, ArticleState] = {}
        self._problem: str | None = None  # "path:line: message" while the file cannot be read
        self._renamed: dict[str, str] = {}  # old article id -> current one (see follow_renamed)
        self._newer = False  # the problem is a newer format: the lines after it are not read
        self._identity: tuple[int, int, int] | None = None  # device, inode, mtime of what was read
        self._offset = 0  # bytes read, up to the end of the last complete line
        self._line = 0  # lines read, for messages
        self._records = 0  # records applied since the file's start (live + superseded)
        self._open_line = False  # the last line read had no newline (saved so by hand)
        self.reload()

    def follow(self, renamed: dict[str, str]) -> None:
        """Read the log again with the read state and flags of each old article id (a renamed or
        moved file) taken as its current id's, in the order they were written."""
        if self._base is not None:
            self._base.follow(renamed)
        self._renamed = renamed
        self._identity = None
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        return self._problem or (self._base.problem if self._base else None)

    @property
    def read_only(self) -> bool:
        return self.problem is not None

    @property
    def elsewhere(self) -> str | None:
        """Says so when a dossier folder's annotations are written to the data dir (read-only folder)."""
        if self.path == self.root / FILE_NAME or not _in_dossier_allowed(self.root):
            return None
        return f"{self.root} is read-only: annotation changes are saved in {self.path}"

    def reload(self) -> bool:
        """Read what other processes wrote since; True when anything changed."""
        base_changed = self._base is not None and self._base.reload()
        if base_changed:
            self._identity = None  # read the changes again, on top of the base as it is now
        try:
            with open(self.path, "rb") as handle:
                return self._catch_up(handle.fileno()) or base_changed
        except FileNotFoundError:
            changed = base_changed or self._identity is not None or self._problem is not None
            self._reset(None)
            return changed
        except OSError as error:
            self._problem = f"{self.path}: cannot read: {error.strerror or error}"
            return True

    def _reset(self, identity: tuple[int, int, int] | None) -> None:
        self.notes, self.states, self._problem = {}, {}, None
        if self._base is not None:
            self.notes = dict(self._base.notes)
            self.states = {a: ArticleState(s.read, set(s.flags)) for a, s in self._base.states.items()}
        self._identity, self._offset, self._line, self._records = identity, 0, 0, 0
        self._open_line = self._newer = False

    def _catch_up(self, fd: int) -> bool:
        info = os.fstat(fd)
        identity = (info.st_dev, info.st_ino, info.st_mtime_ns)
        same_file = self._identity is not None and identity[:2] == self._identity[:2]
        if self._problem is not None and identity == self._identity:
            return False  # a file that could not be read stays as reported until it changes
        if (
            not same_file
            or info.st_size < self._offset
            or self._problem is not None
            or (self._open_line and info.st_size > self._offset and os.pread(fd, 1, self._offset) != b"\n")
        ):
            self._reset(identity)  # a new file (compaction, an editor's save), one cut short, or one fixed
        self._identity = identity
        if info.st_size == self._offset:
            return False
        self._read(os.pread(fd, info.st_size - self._offset, self._offset))
        return True

    def _read(self, data: bytes) -> None:
        """Apply the lines of DATA (the bytes from self._offset on)."""
        if self._open_line:  # the last line we read had no newline; a writer since ended it with one
            data, self._offset, self._open_line = data[1:], self._offset + 1, False
        lines = data.split(b"\n")
        tail = lines.pop()  # b"" when DATA ends with a newline, else a line not ended (yet)
        for raw in lines:
            self._line += 1
            self._offset += len(raw) + 1
            self._take(raw, torn_ok=False)
            if self._problem is not None and self._newer:
                return
        if tail and self._take(tail, torn_ok=True):
            self._line += 1
            self._offset += len(tail)
            self._open_line = True

    def _take(self, raw: bytes, *, torn_ok: bool) -> bool:
        """Apply one line; False for a torn last line (a write cut short, never acknowledged)."""
        try:
            text = raw.decode("utf-8")
            record = log_format.parse(text) if text.strip() else None
        except (UnicodeDecodeError, FormatProblem) as error:
            if torn_ok:
                return False
            if self._problem is None:
                message = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)
                self._problem = f"{self.path}:{self._line}: {message}"
                self._newer = getattr(error, "newer", False)
            return True
        if record is not None and "op" in record:
            self._apply(record)
        return True

    def _apply(self, record: dict) -> None:
        self._records += 1
        op = record["op"]
        if op == "note":
            annotation = record["annotation"]
            self.notes[annotation.id] = annotation
        elif op == "delete":
            self.notes.pop(record["id"], None)
        elif op in ("read", "flag"):
            article = record["article"]
            state = self.states.setdefault(self._renamed.get(article, article), ArticleState())
            state.digest = record.get("digest") or state.digest
            if op == "read":
                state.read = record["read"]
            else:
                (state.flags.add if record["set"] else state.flags.discard)(record["flag"])

    # -- changes -------------------------------------------------------------------------------

    def put(self, annotation: Annotation) -> Annotation:
        """Add an annotation, or replace the one with its id."""
        self._append([log_format.note_record(annotation)])
        return annotation

    def delete(self, note_id: str) -> None:
        self._append([{"op": "delete", "id": note_id, "at": now()}])

    def set_read(self, article_ids: Iterable[str], read: bool = True, digests: Mapping[str, str] | None = None) -> int:
        """Mark articles read or unread; returns how many changed. DIGESTS (article id -> text
        digest) are recorded so the state follows a renamed file."""
        at, digests = now(), digests or {}
        records = [_stamped({"op": "read", "article": a, "read": read}, digests.get(a), at) for a in dict.fromkeys(article_ids) if self.is_read(a) != read]
        if records:
            self._append(records)
        return len(records)

    def set_flag(self, article_id: str, flag: str, on: bool = True, digest: str | None = None) -> bool:
        flag = self.flag_name(flag)
        if (flag in self.flags(article_id)) == on:
            return False
        self._append([_stamped({"op": "flag", "article": article_id, "flag": flag, "set": on}, digest, now())])
        return True

    def _append(self, records: list[dict]) -> None:
        for record in records:
            log_format.parse(log_format.dump(record))  # never write what could not be read back
        data = "".join(log_format.dump(r) for r in records).encode("utf-8")
        with self._locked() as fd:
            if self.problem is not None:
                raise AnnotationStoreError(f"annotations are read-only until this is fixed: {self.problem}")
            size = os.fstat(fd).st_size
            if size == 0:
                _write_all(fd, log_format.dump(log_format.HEADER).encode("utf-8"))
                self._catch_up(fd)
            elif os.pread(fd, 1, size - 1) != b"\n":
                if self._offset == size:  # a complete record someone saved without a final newline
                    _write_all(fd, b"\n")
                else:  # a torn line from a writer that died mid-write: it was never acknowledged
                    os.ftruncate(fd, self._offset)
            _write_all(fd, data)
            os.fsync(fd)
            self._catch_up(fd)
            # Changes over a read-only dossier's file stay changes: rewritten as the merged state they
            # would copy its notes and hide its later updates.
            if self._base is None and self._records - self._live() > max(COMPACT_AFTER, self._live()):
                self._compact()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[int]:
        """The log file open for appending under an exclusive lock, caught up with other writers."""
        while True:
            fd = self._open_for_append()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                info = os.fstat(fd)
                try:
                    current = os.stat(self.path)
                except FileNotFoundError:
                    current = None
                if current is None or (current.st_dev, current.st_ino) != (info.st_dev, info.st_ino):
                    continue  # replaced by another writer's compaction (or deleted) while we waited
                self._catch_up(fd)
                yield fd
                return
            finally:
                os.close(fd)

    def _open_for_append(self) -> int:
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, flags, 0o644)
        except OSError as error:
            fallback = _fallback_path(self.root)
            if error.errno in _CANNOT_CREATE and self.path != fallback:
                # A dossier folder we may not write into: keep the changes in the data dir, over
                # the folder's own file if it has one.
                self.path = fallback
                base = _base_path(self.root, fallback)
                self._base = AnnotationStore(self.root, base) if base else None
                self._reset(None)
                return self._open_for_append()
            raise AnnotationStoreError(f"{self.path}: cannot write: {error.strerror or error}") from None

    def _live(self) -> int:
        return len(self.notes) + sum(s.read + len(s.flags) for s in self.states.values())

    def _compact(self) -> None:
        """Rewrite the log as its current state (called under the lock, caught up)."""
        lines = [log_format.dump(log_format.HEADER)]
        lines += [log_format.dump(log_format.note_record(a)) for a in sorted(self.notes.values(), key=lambda a: (a.created, a.id))]
        at = now()
        for article_id, state in sorted(self.states.items()):
            if state.read:
                lines.append(log_format.dump(_stamped({"op": "read", "article": article_id, "read": True}, state.digest, at)))
            lines += [log_format.dump(_stamped({"op": "flag", "article": article_id, "flag": f, "set": True}, state.digest, at)) for f in sorted(state.flags)]
        try:
            write_atomically(self.path, "".join(lines).encode("utf-8"), durable=True)
        except OSError:
            return  # the long log is still correct; compaction is only tidiness
        self._identity = None
        self.reload()


def _stamped(record: dict, digest: str | None, at: str) -> dict:
    if digest:
        record["digest"] = digest
    record["at"] = at
    return record


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
