"""A fingerprint of the code and data files that produced a cached result.

Caches key their entries by it, so changing the code or a data file invalidates what it made,
with no version number for anyone to remember to bump.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def code_stamp(*relative_paths: str) -> str:
    """SHA-1 over the named files and folders (their *.py, *.txt, *.yaml), relative to the package."""
    digest = hashlib.sha1()
    for relative in relative_paths:
        path = PACKAGE / relative
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".txt", ".yaml")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(PACKAGE)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
