"""Where keymaps come from: the presets shipped in `keymaps/`, the user's file, or a path."""

from __future__ import annotations

from pathlib import Path

from dossier_tui.locations import config_dir, keymaps_dir

BASE = "default"


def preset_names() -> list[str]:
    return sorted(path.stem for path in keymaps_dir().glob("*.yaml"))


def preset_path(name: str) -> Path:
    return keymaps_dir() / f"{name}.yaml"


def user_keymap_path() -> Path:
    """The user's own keymap, read when no --keymap is given: e.g. ~/.config/dossier-tui/keymap.yaml."""
    return config_dir() / "keymap.yaml"


def resolve(name_or_path: str, relative_to: Path | None = None) -> Path:
    """A preset name or a file path -> the file; ValueError with a one-line reason when there is none."""
    looks_like_path = "/" in name_or_path or name_or_path.endswith((".yaml", ".yml"))
    if not looks_like_path and name_or_path in preset_names():
        return preset_path(name_or_path)
    path = Path(name_or_path).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    if path.is_file():
        return path
    if looks_like_path:
        raise ValueError(f"no keymap file at {path}")
    raise ValueError(f"unknown keymap {name_or_path!r} (presets: {', '.join(preset_names())}; or a path to a .yaml file)")
