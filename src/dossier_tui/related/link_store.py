"""The related index on disk: a cache under `locations.dossier_cache(root)/related`.

Two files: `links.pickle` (what lookups need; read on every open) and `features.pickle` (the
shingles and terms of every passage; read only when articles changed). Written atomically; a
missing, old or damaged file simply means "rebuild".
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

# Bump when passages, features or scores change meaning: old caches are then rebuilt.
SCHEMA = 3

LINKS, FEATURES = "links.pickle", "features.pickle"


def load(folder: Path, name: str) -> tuple[dict | None, str | None]:
    """(state, notice): state None when there is nothing usable; notice says why, if it matters."""
    path = folder / name
    if not path.exists():
        return None, None
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, ImportError, IndexError) as error:
        return None, f"related index at {path} is unreadable ({type(error).__name__}), rebuilding it"
    if not isinstance(state, dict) or state.get("schema") != SCHEMA:
        return None, f"related index at {path} is from another version, rebuilding it"
    return state, None


def save(folder: Path, name: str, state: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump({**state, "schema": SCHEMA}, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
