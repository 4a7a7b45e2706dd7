"""The index follows the dossier's files: only what changed is reindexed; nothing when nothing did."""

from __future__ import annotations

import os
import shutil

from dossier_tui.corpus import load_dossier
from dossier_tui.index import DossierIndex
from dossier_tui.locations import dossier_cache


def reopen(folder):
    dossier = load_dossier(folder)
    index = DossierIndex.open(folder)
    return index, index.update(dossier)


def ids(index, query):
    return {hit.article_id for hit in index.search(query).hits}


def test_first_open_builds_and_lives_in_the_cache(dossier_copy):
    index, report = reopen(dossier_copy)
    assert report.rebuilt and report.articles_indexed == 5 and not report.notices
    assert index.folder.is_relative_to(dossier_cache(dossier_copy))
    assert ids(index, "Gulevich") == {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


def test_unchanged_dossier_reopens_with_no_indexing_work(dossier_copy):
    reopen(dossier_copy)[0].close()
    index, report = reopen(dossier_copy)
    assert not report.changed and report.articles_indexed == 0 and not report.notices
    assert ids(index, "Gulevich") == {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


def test_added_modified_and_deleted_files(dossier_copy):
    reopen(dossier_copy)[0].close()
    # Add: a second copy of the Gulevich article under a new name.
    shutil.copy(dossier_copy / "000_037e540408ff3126.txt", dossier_copy / "005_copy.txt")
    # Modify: 001 now names Gulevich too.
    modified = dossier_copy / "001_4b140442f7eb92c8.txt"
    text = modified.read_text(encoding="utf-8")
    modified.write_text(text.replace("resistance to joining", "resistance, like Viktor Gulevich's, to joining"), encoding="utf-8")
    # Delete: 002 is gone.
    (dossier_copy / "002_e4a5ddeb4f614bb8.txt").unlink()

    index, report = reopen(dossier_copy)
    assert (report.added, report.modified, report.deleted, report.rebuilt) == (1, 1, 1, False)
    assert report.articles_indexed == 2
    assert ids(index, "Gulevich") == {"000_037e540408ff3126", "001_4b140442f7eb92c8", "005_copy"}


def test_a_touched_file_is_confirmed_unchanged_by_its_hash(dossier_copy):
    reopen(dossier_copy)[0].close()
    path = dossier_copy / "003_ecac462b4844b263.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    index, report = reopen(dossier_copy)
    assert report.touched == 1 and report.articles_indexed == 0 and not report.changed
    index.close()
    # The new mtime was recorded: the next open does not even hash it.
    _, again = reopen(dossier_copy)
    assert again.touched == 0


def test_search_sees_an_update_made_through_the_same_index(dossier_copy):
    index, _ = reopen(dossier_copy)
    assert ids(index, "Gulevich") == {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}
    (dossier_copy / "000_037e540408ff3126.txt").unlink()
    index.update(load_dossier(dossier_copy))
    assert ids(index, "Gulevich") == {"002_e4a5ddeb4f614bb8"}
