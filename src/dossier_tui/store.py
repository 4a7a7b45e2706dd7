"""What the reader remembers per dossier, in the data dir: the last article and reading position,
and the article list of the last session (so a large dossier's list paints before it is loaded).

JSON files named by `locations.dossier_key`, replaced atomically so a crash mid-write leaves the
previous state. A missing or damaged file means "nothing remembered".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dossier_tui import locations
from dossier_tui.atomic_write import write_atomically
from dossier_tui.model import Article


@dataclass(slots=True, frozen=True)
class ReadingPosition:
    article_id: str
    paragraph: int = 0


def _state_file(root: str | Path, kind: str = "") -> Path:
    return locations.data_dir() / "dossiers" / f"{locations.dossier_key(root)}{kind}.json"


def load_position(root: str | Path) -> ReadingPosition | None:
    try:
        data = json.loads(_state_file(root).read_text(encoding="utf-8"))
        return ReadingPosition(str(data["article"]), int(data.get("paragraph", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_position(root: str | Path, position: ReadingPosition) -> None:
    data = {"dossier": str(Path(root).resolve()), "article": position.article_id, "paragraph": position.paragraph}
    _write(_state_file(root), data)


def load_listing(root: str | Path) -> list[Article]:
    """The articles listed last time (id, path, title, outlet, date; no text), or [] when unknown."""
    try:
        rows = json.loads(_state_file(root, "-list").read_text(encoding="utf-8"))["articles"]
        return [Article(r["id"], r["path"], r["title"], r.get("source"), r.get("date")) for r in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def save_listing(root: str | Path, articles: list[Article]) -> None:
    rows = [{"id": a.id, "path": a.path, "title": a.title, "source": a.source, "date": a.date} for a in articles]
    _write(_state_file(root, "-list"), {"dossier": str(Path(root).resolve()), "articles": rows})


def _write(target: Path, data: dict) -> None:
    """Write atomically; a read-only data dir is not an error worth stopping for."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass
