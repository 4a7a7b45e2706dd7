"""Which field of a record (or of front matter) holds the title, text, url, date, outlet, author.

The names are data (data/record_fields.txt): exports name the same thing many ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parents[1] / "data"
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@cache
def field_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for line in (_DATA / "record_fields.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            role, _, words = line.partition(":")
            names[role.strip()] = tuple(key(word) for word in words.split())
    return names


def key(name: object) -> str:
    """ "Publish Date", "publish-date", "publishDate" -> "publish_date"."""
    spaced = _CAMEL.sub("_", str(name).strip())
    return spaced.casefold().replace(" ", "_").replace("-", "_")


@cache
def _mapping(keys: tuple[str, ...]) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for original in keys:
        by_key.setdefault(key(original), original)
    found = {}
    for role, candidates in field_names().items():
        for candidate in candidates:
            if candidate in by_key:
                found[role] = by_key[candidate]
                break
    return found


def map_fields(keys: Iterable[object]) -> dict[str, str]:
    """Role -> the record's own field name, for the roles the record has."""
    return _mapping(tuple(str(k) for k in keys))


def plain(value: object) -> Any:  # text, a list of texts, or the value as the file gave it
    """A field's value as text where exports nest it ({"name": ...}, lists of names or paragraphs)."""
    if isinstance(value, dict):
        for name in ("name", "title", "text", "value", "url", "href"):
            if isinstance(value.get(name), str):
                return value[name]
        return None
    if isinstance(value, list):
        parts = [plain(item) for item in value]
        return [part for part in parts if isinstance(part, str) and part.strip()] or None
    return value
