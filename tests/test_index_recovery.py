"""The index is a cache: damage, a killed writer, a stale lock or a new schema rebuild it, in one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys

from dossier_tui.corpus import load_dossier
from dossier_tui.index import DossierIndex
from dossier_tui.pipeline import Workspace

GULEVICH_ARTICLES = {"000_037e540408ff3126", "002_e4a5ddeb4f614bb8"}


def build(folder):
    index = DossierIndex.open(folder)
    index.update(load_dossier(folder))
    index.close()
    return index.folder


def reopen(folder):
    dossier = load_dossier(folder)
    index = DossierIndex.open(folder)
    return index, index.update(dossier)


def gulevich(index):
    return {hit.article_id for hit in index.search("Gulevich").hits}


def assert_single_line(notices):
    assert notices and all("\n" not in n and "Traceback" not in n for n in notices)


def test_truncated_segment_is_rebuilt_with_a_notice(dossier_copy):
    folder = build(dossier_copy)
    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    with open(segment, "r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)
    index, report = reopen(dossier_copy)
    assert report.rebuilt
    assert_single_line(report.notices)
    assert "damaged" in report.notices[0] or "rebuild" in report.notices[0]
    assert gulevich(index) == GULEVICH_ARTICLES


def test_garbage_manifest_is_rebuilt(dossier_copy):
    folder = build(dossier_copy)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    index, report = reopen(dossier_copy)
    assert report.rebuilt
    assert_single_line(report.notices)
    assert gulevich(index) == GULEVICH_ARTICLES


def test_an_index_built_by_other_code_is_rebuilt(dossier_copy):
    folder = build(dossier_copy)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["stamp"] = "0123456789abcdef"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    index, report = reopen(dossier_copy)
    assert report.rebuilt and "another version" in report.notices[0]
    assert gulevich(index) == GULEVICH_ARTICLES


KILLED_WRITER = """
import sys, time
from dossier_tui.corpus import load_dossier
from dossier_tui.index import DossierIndex

dossier = load_dossier(sys.argv[1])
index = DossierIndex.open(sys.argv[1])

def stall(done, total):
    # Every document is in the writer, nothing committed: the moment to die.
    if done == total:
        print("writing", flush=True)
        time.sleep(120)

index.update(dossier, on_progress=stall)
"""


def kill_mid_update(folder):
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()


def test_writer_killed_during_the_first_build(dossier_copy):
    kill_mid_update(dossier_copy)
    index, report = reopen(dossier_copy)
    assert report.rebuilt
    assert gulevich(index) == GULEVICH_ARTICLES


def test_writer_killed_during_an_update_leaves_the_last_version_then_catches_up(dossier_copy):
    build(dossier_copy)
    (dossier_copy / "002_e4a5ddeb4f614bb8.txt").unlink()
    shutil.copy(dossier_copy / "000_037e540408ff3126.txt", dossier_copy / "005_copy.txt")
    kill_mid_update(dossier_copy)
    index = DossierIndex.open(dossier_copy)
    assert index.notice is None  # the previous commit is intact and matches its manifest
    report = index.update(load_dossier(dossier_copy))
    assert not report.rebuilt and (report.added, report.deleted) == (1, 1)
    assert gulevich(index) == {"000_037e540408ff3126", "005_copy"}


def test_a_lock_file_left_by_a_dead_process_does_not_block(dossier_copy):
    folder = build(dossier_copy)
    (folder / "MAIN_WRITELOCK").write_text("4194304", encoding="utf-8")  # a PID that is not running
    (dossier_copy / "002_e4a5ddeb4f614bb8.txt").unlink()
    index, report = reopen(dossier_copy)
    assert report.deleted == 1 and not report.notices
    assert gulevich(index) == {"000_037e540408ff3126"}


def test_read_only_dossier_folder(dossier_copy):
    # Tests run as root, who may write anyway: so besides the permissions, check nothing was written.
    before = sorted((p.name, p.stat().st_mtime_ns) for p in dossier_copy.iterdir())
    for path in dossier_copy.iterdir():
        path.chmod(0o444)
    dossier_copy.chmod(0o555)
    try:
        workspace = Workspace(dossier_copy).open_all()
        assert {hit.article_id for hit in workspace.search("Gulevich").hits} == GULEVICH_ARTICLES
        assert workspace.search_index is not None
        if os.geteuid() != 0:
            assert not os.access(dossier_copy, os.W_OK)
    finally:
        dossier_copy.chmod(0o755)
    after = sorted((p.name, p.stat().st_mtime_ns) for p in dossier_copy.iterdir())
    assert after == before


def test_no_usable_cache_dir_means_search_by_scanning(tmp_path, monkeypatch, seeds_dir):
    from dossier_tui.index import ScanSearch

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache dir should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    dossier = load_dossier(seeds_dir)
    index = DossierIndex.open(seeds_dir)
    report = index.update(dossier)
    assert not index.ready
    assert any("searching by scanning" in notice for notice in report.notices)
    assert {hit.article_id for hit in ScanSearch(dossier).search("Gulevich").hits} == GULEVICH_ARTICLES
