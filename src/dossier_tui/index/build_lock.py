"""One process at a time opens and updates a dossier's index.

Two cold opens of the same dossier used to race: one deleted the other's half-built index (a
Whoosh AssertionError, a fall back to scanning, a false "last complete version" notice). The
second now waits for the first, then finds the index built. The lock is an OS file lock
(`flock`) beside the index, released by the kernel when its holder dies, so a killed build never
leaves it stuck.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = "index.lock"


@contextmanager
def build_lock(cache_folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the dossier's index lock; ON_WAIT is called once if another process holds it first."""
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
                if on_wait is not None:
                    on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: build as before, unguarded
            pass
        yield  # released when the file is closed
