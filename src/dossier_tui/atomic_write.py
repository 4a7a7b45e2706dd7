"""Replacing a file so a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, data: bytes, *, durable: bool = False) -> None:
    """Write DATA to PATH through a temporary file in the same folder and a rename.

    `durable` also flushes the data to disk before the rename (user data, not a cache), so a crash
    of the machine cannot leave an empty file in place of the old one. Raises OSError.
    """
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
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
