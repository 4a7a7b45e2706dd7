"""What the reader remembers per dossier: the last article and the reading position, in the data dir.

One small JSON file per dossier (named by `locations.dossier_key`), replaced atomically so a crash
mid-write leaves the previous state. A missing or damaged file means "nothing remembered".
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dossier_tui import locations


@dataclass(slots=True, frozen=True)
class ReadingPosition:
    article_id: str
    paragraph: int = 0


def _state_file(root: str | Path) -> Path:
    return locations.data_dir() / "dossiers" / f"{locations.dossier_key(root)}.json"


def load_position(root: str | Path) -> ReadingPosition | None:
    try:
        data = json.loads(_state_file(root).read_text(encoding="utf-8"))
        return ReadingPosition(str(data["article"]), int(data.get("paragraph", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_position(root: str | Path, position: ReadingPosition) -> None:
    """Write atomically (temp file + rename); a read-only data dir is not an error worth stopping for."""
    target = _state_file(root)
    data = {"dossier": str(Path(root).resolve()), "article": position.article_id, "paragraph": position.paragraph}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".position-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
