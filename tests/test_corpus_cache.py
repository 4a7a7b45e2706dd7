"""The load cache: an unchanged file is not parsed again, a changed one is, a broken cache is harmless."""

from __future__ import annotations

import shutil

import pytest

from dossier_tui.corpus import load_dossier, loader
from dossier_tui.locations import dossier_cache


@pytest.fixture
def parsed(monkeypatch):
    """The names of the files parsed (not taken from the cache) during a test."""
    names: list[str] = []
    real = loader.parse_article_file

    def counting(data, path, root):
        names.append(path.name)
        return real(data, path, root)

    monkeypatch.setattr(loader, "parse_article_file", counting)
    return names


@pytest.fixture
def dossier_dir(tmp_path, seeds_dir):
    folder = tmp_path / "dossier"
    shutil.copytree(seeds_dir, folder)
    (folder / "latin1.txt").write_bytes("Café crème\n\nLe café était très bon, dit-il.\n".encode("latin-1"))
    return folder


def snapshot(dossier):
    return [a.to_json() for a in dossier.articles], [str(w) for w in dossier.warnings], [a.digest for a in dossier.articles]


def test_a_second_load_parses_nothing_and_gives_the_same_dossier(dossier_dir, parsed):
    first = load_dossier(dossier_dir)
    assert len(parsed) == 6
    parsed.clear()
    second = load_dossier(dossier_dir)
    assert parsed == []
    assert snapshot(second) == snapshot(first)  # warnings too: "read as cp1252" comes back


def test_only_changed_files_are_parsed_again(dossier_dir, parsed):
    load_dossier(dossier_dir)
    parsed.clear()
    changed = sorted(dossier_dir.glob("00*.txt"))[1]
    changed.write_text("A new headline\n\nA new paragraph of text, written after the first load.\n", encoding="utf-8")
    (dossier_dir / "latin1.txt").unlink()
    dossier = load_dossier(dossier_dir)
    assert parsed == [changed.name]
    assert dossier.get(changed.stem).title == "A new headline"
    assert len(dossier.articles) == 5 and dossier.warnings == []


def test_a_damaged_cache_is_ignored_and_replaced(dossier_dir, parsed):
    expected = snapshot(load_dossier(dossier_dir))
    cache_file = dossier_cache(dossier_dir) / "corpus" / "articles.pickle"
    assert cache_file.exists()
    cache_file.write_bytes(b"not a pickle")
    parsed.clear()
    assert snapshot(load_dossier(dossier_dir)) == expected
    assert len(parsed) == 6
    parsed.clear()
    load_dossier(dossier_dir)
    assert parsed == []


def test_a_cache_that_cannot_be_written_does_not_stop_loading(dossier_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load_dossier(dossier_dir).articles) == 6
