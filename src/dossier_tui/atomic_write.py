"""Replacing a file so a reader sees the old content or the new, never half of either.

The one implementation of atomic writes (state, annotations, exports, every cache file). The
temporary file carries its writer's pid: one left behind by a killed writer (a 19 MB analysis
was left in the cache forever) is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: str | Path, data: bytes | Callable[[BinaryIO], None], *, durable: bool = False) -> None:
    """Write DATA (bytes, or a function writing to the open file) to PATH through a temporary file
    in the same folder and a rename.

    `durable` also flushes the data to disk before the rename (user data, not a cache), so a crash
    of the machine cannot leave an empty file in place of the old one. Raises OSError.
    """
    path = Path(path)
    prefix = f".{path.name}."
    _remove_orphans(path.parent, prefix)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{prefix}{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:  # keep the mode of the file it replaces; a new file gets the usual rw-r--r--
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _remove_orphans(folder: Path, prefix: str) -> None:
    """Delete `<prefix><pid>.*.tmp` files whose writer is no longer running."""
    try:
        entries = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for name in entries:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True
