"""Where a dossier's entity corrections live: its own aliases.yaml, and the user's for it in the
data dir. Apart from the parser (`user_aliases`), so that a warm command can stamp them without
importing YAML and the clusters."""

from __future__ import annotations

from pathlib import Path

from dossier_tui.locations import data_dir, dossier_key

FILE_NAME = "aliases.yaml"


def alias_files(root: str | Path) -> list[Path]:
    """The files that correct ROOT's entities, in the order they apply: the dossier's own
    aliases.yaml, then the user's corrections kept in the data dir (see user_aliases_file)."""
    return [*([Path(root) / FILE_NAME] if Path(root).is_dir() else []), user_aliases_file(root)]


def user_aliases_file(root: str | Path) -> Path:
    """Where corrections go when the dossier cannot hold them: the built-in dossier (package files),
    a folder the user cannot write, a single file."""
    return data_dir() / "dossiers" / f"{dossier_key(root)}.{FILE_NAME}"
