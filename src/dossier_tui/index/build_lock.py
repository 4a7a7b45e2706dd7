"""One process at a time opens and updates a dossier's index.

Two cold opens of the same dossier used to race: one deleted the other's half-built index (a
Whoosh AssertionError, a fall back to scanning, a false "last complete version" notice). The
second now waits for the first, then finds the index built. The lock is an OS file lock
(`flock`) beside the index, released by the kernel when its holder dies, so a killed build never
leaves it stuck. A live holder can still take long (a cold build of a big dossier, a process left
suspended): the wait has a limit, after which the caller goes on without the index
(`LockWaitTimeout`), and the holder's pid, written in the lock file, says who it was waiting for.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = "index.lock"
WAIT_LIMIT = 120.0  # seconds
_POLL = 0.1


class LockWaitTimeout(Exception):
    """Another process held the lock for the whole WAIT_LIMIT; the message says which."""


def _holder(handle) -> str:
    handle.seek(0)
    pid = handle.read(20).decode("ascii", "replace").strip()
    return f"process {pid}" if pid.isdigit() else "another dossier process"


@contextmanager
def build_lock(cache_folder: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the dossier's index lock; ON_WAIT is called once, with the holder's name, if another
    process holds it first. Raises LockWaitTimeout after waiting WAIT_LIMIT seconds."""
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        handle = open(cache_folder / LOCK_FILE, "a+b")
    except OSError:
        yield  # no usable cache folder: nothing on disk to share, nothing to coordinate
        return
    with handle:
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                _wait(handle, on_wait)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()).encode("ascii"))
            handle.flush()
        except OSError:  # a file system without locks: build as before, unguarded
            pass
        yield  # released when the file is closed


def _wait(handle, on_wait: Callable[[str], None] | None) -> None:
    holder = _holder(handle)
    if on_wait is not None:
        on_wait(holder)
    deadline = time.monotonic() + WAIT_LIMIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockWaitTimeout(
                    f"{holder} has been indexing this dossier for over {WAIT_LIMIT:.0f} s; searching without the "
                    "index (slower) until it finishes"
                ) from None
            time.sleep(_POLL)
