"""Changes to a shared dossier's annotations kept on this machine while its server is unreachable.

A note is never lost to a network cut: the change is written here (the user's XDG data dir, one
file per server, database and dossier; the annotations log's own line format, so it can be read
without the app) and sent, in order, the next time the server answers. The file is rewritten whole
with an atomic, durable write under a lock, so two processes of the same user neither lose nor
send twice each other's changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from dossier_tui import locations
from dossier_tui.annotations import log_format
from dossier_tui.annotations.log_format import FormatProblem
from dossier_tui.atomic_write import write_atomically


def outbox_path(server: str, dossier: str) -> Path:
    """SERVER identifies host, port, database and role (never the password)."""
    key = hashlib.sha1(f"{server}\0{dossier}".encode("utf-8", "surrogateescape")).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in dossier)[:40]
    return locations.data_dir() / "outbox" / f"{safe}-{key}.jsonl"


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def add(self, records: list[dict]) -> None:
        """Keep RECORDS until they are sent: changes as log_format.parse gives them (a note as
        {"op": "note", "annotation": Annotation}). Raises OSError."""
        with self._locked():
            self._write(self._read() + records)

    def pending(self) -> list[dict]:
        return self._read()

    def send(self, deliver: Callable[[dict], None]) -> int:
        """Deliver each waiting record in order; a record is removed once DELIVER returns. An
        exception from DELIVER stops the run and leaves that record and the ones after it
        waiting. Returns how many were delivered."""
        if not self.path.exists():
            return 0
        with self._locked():
            records = self._read()
            sent = 0
            try:
                for record in records:
                    deliver(record)
                    sent += 1
            finally:
                if sent:
                    self._write(records[sent:])
        return sent

    def _read(self) -> list[dict]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        records = []
        for number, line in enumerate(lines, 1):
            try:
                record = log_format.parse(line) if line.strip() else None
            except FormatProblem as error:
                raise OSError(f"{self.path}:{number}: {error}") from None
            if record is not None and "op" in record:
                records.append(record)
        return records

    def _write(self, records: list[dict]) -> None:
        if not records:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        text = "".join(log_format.dump(r) for r in [log_format.HEADER, *map(_raw, records)])
        write_atomically(self.path, text.encode("utf-8"), durable=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def _raw(record: dict) -> dict:
    """A parsed record back to its line's form (a note's Annotation to its fields)."""
    if record.get("op") == "note":
        return log_format.note_record(record["annotation"])
    return record
