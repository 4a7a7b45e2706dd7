"""The related index on disk: a cache under `locations.dossier_cache(root)/related`.

Two files: `links.pickle` (what lookups need; read on every open) and `features.pickle` (the
shingles and terms of every passage; read only when articles changed). Stamped with the related
code and its word lists (`cache_file`): a missing, old or damaged file simply means "rebuild",
one that cannot be written is skipped.
"""

from __future__ import annotations

from pathlib import Path

from dossier_tui import cache_file
from dossier_tui.code_stamp import code_stamp

LINKS, FEATURES = "links.pickle", "features.pickle"


def _stamp() -> str:
    return code_stamp("related", "model.py", "data/related_stopwords.txt")


def load(folder: Path, name: str) -> tuple[dict | None, str | None]:
    """(state, notice): state None when there is nothing usable; notice says why, if it matters."""
    path = folder / name
    state, problem = cache_file.read(path, _stamp())
    if problem is None and state is not None and not isinstance(state, dict):
        problem = "unreadable (not a links table)"
    if problem is not None:
        return None, f"related index at {path} is {problem}, rebuilding it"
    return (state if isinstance(state, dict) else None), None


def save(folder: Path, name: str, state: dict) -> bool:
    """False when the cache cannot be written: the links still serve this session."""
    return cache_file.write(folder / name, _stamp(), state)
