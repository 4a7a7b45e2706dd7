"""Writing the user's entity corrections (merge, split, rename) into the dossier's `aliases.yaml`.

The format belongs to the analysis (dossier_tui.analysis.user_aliases): one entry is added to its
section and the file is replaced atomically. YAML comments in the file are not kept.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from dossier_tui.analysis.user_aliases import FILE_NAME
from dossier_tui.model import DossierError


def add_rule(root: str | Path, section: str, entry: object) -> Path:
    """Append `entry` to `section` ("merge": [names], "split": name, "rename": (old, new))."""
    folder = Path(root)
    if not folder.is_dir():
        raise DossierError(f"{root}: entity corrections need a dossier folder, not a single file")
    path = folder / FILE_NAME
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except yaml.YAMLError as error:
        raise DossierError(f"{path}: not valid YAML, fix it by hand first ({error.__class__.__name__})") from None
    except OSError as error:
        raise DossierError(f"{path}: cannot read: {error.strerror}") from None
    data = data if isinstance(data, dict) else {}
    if section == "rename":
        old, new = entry  # type: ignore[misc]
        renames = data.get("rename") if isinstance(data.get("rename"), dict) else {}
        renames[old] = new
        data["rename"] = renames
    else:
        items = data.get(section) if isinstance(data.get(section), list) else []
        items.append(entry)
        data[section] = items
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".aliases-", suffix=".yaml")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as error:
        raise DossierError(f"{path}: cannot write: {error.strerror}") from None
    return path
