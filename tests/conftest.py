"""Shared fixtures: tests never touch the real user dirs, and build on the real seed articles."""

from __future__ import annotations

import shutil

import pytest

from dossier_tui.locations import builtin_dossier


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Point XDG cache, config and data dirs at a fresh folder for every test."""
    dirs = {}
    for name in ("cache", "config", "data"):
        folder = tmp_path / f"xdg-{name}"
        folder.mkdir()
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(folder))
        dirs[name] = folder
    return dirs


@pytest.fixture
def seeds_dir():
    return builtin_dossier()


@pytest.fixture
def write_user_keymap(user_dirs):
    """Write the user's keymap.yaml (in this test's own XDG config dir); returns its path."""
    from dossier_tui.keymap import user_keymap_path

    def write(text: str):
        path = user_keymap_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def dossier_copy(seeds_dir, tmp_path):
    """A writable copy of the seed dossier, for tests that add, change or delete its files."""
    target = tmp_path / "dossier"
    shutil.copytree(seeds_dir, target)
    return target
