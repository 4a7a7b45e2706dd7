"""Where things live: the built-in dossier, and the user's XDG cache, config and data dirs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("dossier-tui", appauthor=False)
_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # Inside a wheel the folder sits in the package; in a source checkout it is top level.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parents[1] / name


def builtin_dossier() -> Path:
    return _shipped("seeds")


def keymaps_dir() -> Path:
    return _shipped("keymaps")


def cache_dir() -> Path:
    return Path(_DIRS.user_cache_dir)


def config_dir() -> Path:
    return Path(_DIRS.user_config_dir)


def data_dir() -> Path:
    return Path(_DIRS.user_data_dir)


def dossier_cache(root: str | Path) -> Path:
    """The cache folder of one dossier: its index and precomputed analysis, rebuildable at any time."""
    return cache_dir() / dossier_key(root)


def dossier_key(root: str | Path) -> str:
    """A stable folder name for per-dossier state, from the dossier's absolute path."""
    absolute = Path(root).resolve()
    digest = hashlib.sha1(str(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{absolute.name or 'root'}-{digest}"
