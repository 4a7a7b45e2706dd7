"""A warm search answers from the index alone when nothing changed, and is never stale: an edit,
a deletion, a new file or an aliases.yaml change sends it through the stages again."""

from __future__ import annotations

import os
import subprocess
import sys

from dossier_tui.pipeline import Workspace

GULEVICH = "000_037e540408ff3126"
TIMEOUT = 120


def cold(folder, query: str) -> list[dict]:
    workspace = Workspace(folder)
    workspace.index()
    return [hit.to_json() for hit in workspace.search(query).hits]


def warm(folder, query: str) -> list[dict] | None:
    """The hits of a warm search, or None when the fast path declined."""
    workspace = Workspace(folder)
    if not workspace.open_warm():
        return None
    assert workspace.dossier is None and workspace.analysis is None  # nothing loaded
    return [hit.to_json() for hit in workspace.search(query).hits]


def test_an_unchanged_dossier_is_searched_warm_with_the_same_hits(dossier_copy):
    for query in ("Gulevich", "Tsikhanouskaya", "person:Lukashenko", '"letter of resignation"', "belarus -minsk"):
        expected = cold(dossier_copy, query)
        assert warm(dossier_copy, query) == expected, query


def test_the_cli_prints_the_same_warm_as_cold(news_dossier):
    folder = news_dossier(200, "txt")
    command = [sys.executable, "-m", "dossier_tui", "search", "-d", str(folder), "north", "korea"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert Workspace(folder).open_warm()
    second = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    # (the cold run's stderr may hold the line its progress bar left)
    assert (second.returncode, second.stdout, second.stderr.strip()) == (first.returncode, first.stdout, first.stderr.strip())


def test_an_edited_file_is_picked_up(dossier_copy):
    cold(dossier_copy, "Gulevich")
    article = dossier_copy / f"{GULEVICH}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nZyxvarnik signed it.\n", encoding="utf-8")
    assert warm(dossier_copy, "Zyxvarnik") is None
    assert [hit["id"] for hit in cold(dossier_copy, "Zyxvarnik")] == [GULEVICH]
    assert [hit["id"] for hit in warm(dossier_copy, "Zyxvarnik")] == [GULEVICH]


def test_an_edit_keeping_size_and_mtime_seconds_apart_is_picked_up(dossier_copy):
    cold(dossier_copy, "Gulevich")
    article = dossier_copy / f"{GULEVICH}.txt"
    before = article.stat()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Gulevich", "Gulevixh", 1), encoding="utf-8")  # same size
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # only the mtime tells
    assert warm(dossier_copy, "Gulevixh") is None


def test_a_touched_file_with_the_same_content_stays_warm_after_one_open(dossier_copy):
    cold(dossier_copy, "Gulevich")
    article = dossier_copy / f"{GULEVICH}.txt"
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    assert warm(dossier_copy, "Gulevich") is None  # the stat differs: checked once by content
    expected = cold(dossier_copy, "Gulevich")
    assert warm(dossier_copy, "Gulevich") == expected


def test_a_deleted_file_is_picked_up(dossier_copy):
    cold(dossier_copy, "Gulevich")
    (dossier_copy / f"{GULEVICH}.txt").unlink()
    assert warm(dossier_copy, "Gulevich") is None
    assert GULEVICH not in {hit["id"] for hit in cold(dossier_copy, "Gulevich")}


def test_a_new_file_is_picked_up(dossier_copy):
    cold(dossier_copy, "Gulevich")
    (dossier_copy / "sub").mkdir()
    assert warm(dossier_copy, "Gulevich") is None  # a new folder changes its parent's mtime
    cold(dossier_copy, "Gulevich")
    (dossier_copy / "sub" / "new.txt").write_text("Zyxvarnik arrives\n\nZyxvarnik wrote a letter of his own.\n", encoding="utf-8")
    assert warm(dossier_copy, "Zyxvarnik") is None  # and a new file, its own folder's
    assert [hit["id"] for hit in cold(dossier_copy, "Zyxvarnik")] == ["sub/new"]


def test_an_aliases_change_is_picked_up(dossier_copy):
    cold(dossier_copy, "Gulevich")
    (dossier_copy / "aliases.yaml").write_text("rename:\n  Gulevich: Zyxvarnik Gulevich\n", encoding="utf-8")
    assert warm(dossier_copy, "person:Zyxvarnik") is None
    expected = cold(dossier_copy, "person:Zyxvarnik")
    assert expected and warm(dossier_copy, "person:Zyxvarnik") == expected
