"""Cache files: one value pickled with a stamp of what made it, written atomically, never fatal.

The one mechanism behind every cache under the user cache dir (the loaded articles, the assembled
analysis, the related links; the search index's manifest uses the same stamps). The stamp is a
fingerprint of the code and data files that produced the value (`code_stamp`) or a key that
includes it, so nobody bumps a version number. A file that is missing, damaged or stamped
differently reads as absent; one that cannot be written (read-only or full disk, a file or folder
in the way) is skipped. An unusable cache costs speed, never a command.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from dossier_tui.atomic_write import write_atomically
from dossier_tui.code_stamp import code_stamp

__all__ = ["code_stamp", "read", "write"]


def read(path: Path, stamp: str) -> tuple[object | None, str | None]:
    """(value, None), or (None, why it is unusable); (None, None) when there is no such file."""
    try:
        with open(path, "rb") as handle:
            stored, value = pickle.load(handle)
    except FileNotFoundError:
        return None, None
    except Exception as error:  # unpickling arbitrary bytes can raise anything: all of it is damage
        return None, f"unreadable ({type(error).__name__})"
    if stored != stamp:
        return None, "from another version"
    return value, None


def write(path: Path, stamp: str, value: object) -> bool:
    """Store VALUE under STAMP; False when the cache cannot be written (never raises OSError)."""

    def dump(handle) -> None:
        pickle.dump((stamp, value), handle, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, dump)
    except OSError:
        return False
    return True
