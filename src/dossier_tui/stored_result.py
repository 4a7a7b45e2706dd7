"""Whole-dossier results kept for the next warm run (the entity and quote tables, the listing's
JSON): read back while nothing they were made from changed, else computed and stored again.

Written with `cache_file` (stamped, atomic, never fatal) under the dossier's cache folder. The
stamp (`Workspace.result_stamp`) is the snapshot key of the files the result was made from, the
aliases, the analyser's code and the code of the command that shapes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier_tui import cache_file
from dossier_tui.locations import dossier_cache

if TYPE_CHECKING:
    from dossier_tui.model import Dossier
    from dossier_tui.pipeline import Workspace


def _file(root: str | Path, name: str) -> Path:
    return dossier_cache(root) / "results" / f"{name}.pickle"


def result(
    workspace: Workspace, name: str, code: str, compute: Callable[[Dossier], tuple[list[str], Any]]
) -> tuple[list[str], Any]:
    """(warnings, value): stored under NAME by the last run while no file changed since (no load,
    no analysis), else `compute(loaded dossier)` -> (its warnings, value), stored. The load
    warnings come first either way. CODE: the package file that shapes the value."""
    snapshot = workspace.warm()
    stamp = workspace.result_stamp(code)
    if snapshot is not None and stamp is not None:
        stored, _ = cache_file.read(_file(workspace.path, name), stamp)
        if isinstance(stored, tuple) and len(stored) == 2:
            return [*map(str, snapshot.warnings), *stored[0]], stored[1]
    dossier = workspace.load()
    warnings, value = compute(dossier)
    stamp = workspace.result_stamp(code)
    if stamp is not None:
        cache_file.write(_file(workspace.path, name), stamp, (list(warnings), value))
    return [*map(str, dossier.warnings), *warnings], value


def laid_out(workspace: Workspace, name: str, code: str, key: object, lay_out: Callable[[], Any]) -> Any:
    """What the command laid out from its stored result last time (a table at one width: 27,000
    quotes take 0.3 s to lay out, 10 ms to read), while that result and KEY (the width) are the
    same; else `lay_out()`, stored in place of the last one. Call after `result`."""
    stamp = workspace.result_stamp(code)
    if stamp is None:
        return lay_out()
    file = _file(workspace.path, name)
    stored, _ = cache_file.read(file, f"{stamp}:{key!r}")
    if stored is not None:
        return stored
    value = lay_out()
    cache_file.write(file, f"{stamp}:{key!r}", value)
    return value
