"""Writing the user's entity corrections (merge, split, rename) to an aliases.yaml.

The format belongs to the analysis (dossier_tui.analysis.user_aliases): one entry is added to its
section and the file is replaced atomically. YAML comments in the file are not kept. The file is
the dossier's own when the user may write there; the built-in dossier (files of the installed
package), a read-only folder or a single file get theirs in the user's data dir, which the
analysis reads after the dossier's.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from dossier_tui import safe_yaml
from dossier_tui.analysis.alias_files import FILE_NAME, user_aliases_file
from dossier_tui.atomic_write import write_atomically
from dossier_tui.locations import builtin_dossier
from dossier_tui.model import DossierError


def aliases_target(root: str | Path) -> Path:
    """The aliases.yaml a correction of ROOT's entities is written to."""
    folder = Path(root)
    if folder.is_dir() and folder.resolve() != builtin_dossier().resolve() and os.access(folder, os.W_OK):
        return folder / FILE_NAME
    return user_aliases_file(root)


def add_rule(root: str | Path, section: str, entry: object) -> Path:
    """Append `entry` to `section` ("merge": [names], "split": name, "rename": (old, new))."""
    path = aliases_target(root)
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    except safe_yaml.YamlProblem as error:
        line = f":{error.line}" if error.line else ""
        raise DossierError(f"{path}{line}: {error.message}; fix it by hand first") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DossierError(f"{path}: cannot read: {error}") from None
    data = data if isinstance(data, dict) else {}
    if section == "rename" and isinstance(entry, tuple):
        old, new = entry
        renames = data.get("rename")
        renames = renames if isinstance(renames, dict) else {}
        renames[old] = new
        data["rename"] = renames
    else:
        items = data.get(section)
        items = items if isinstance(items, list) else []
        items.append(entry)
        data[section] = items
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"), durable=True)
    except OSError as error:
        raise DossierError(f"{path}: cannot write: {error.strerror}") from None
    return path
