"""Caches only cost speed: unwritable or damaged ones never stop a command, stale temporaries of
killed writers do not pile up, and an edit made during a build is seen by the next open."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_tui.atomic_write import write_atomically
from dossier_tui.locations import builtin_dossier, dossier_cache
from dossier_tui.pipeline import Workspace

GULEVICH = "000_037e540408ff3126"
TIMEOUT = 120


def dossier(*args: str, limit_file_bytes: int | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:  # a full disk: every write past the limit fails with EFBIG (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "dossier_tui", *args],
        capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=limit if limit_file_bytes else None, env=env,
    )


def related_and_compare(folder: Path, **kwargs) -> list[subprocess.CompletedProcess]:
    return [
        dossier("related", "-d", str(folder), GULEVICH, "--paragraph", "2", "--json", **kwargs),
        dossier("compare", "-d", str(folder), GULEVICH, "002_e4a5ddeb4f614bb8", "--json", **kwargs),
    ]


@pytest.fixture(scope="module")
def clean_outputs(tmp_path_factory):
    """related and compare on the seeds with a working cache, for comparison."""
    home = tmp_path_factory.mktemp("clean")
    env = {**os.environ, **{f"XDG_{name}_HOME": str(home / name) for name in ("CACHE", "CONFIG", "DATA")}}
    return [run.stdout for run in related_and_compare(builtin_dossier(), env=env)]


def break_cache_path_is_a_file(seeds_dir, cache_home: Path) -> None:
    cache_home.rmdir()
    cache_home.write_text("not a folder")


def break_dossier_cache_is_a_file(seeds_dir, cache_home: Path) -> None:
    folder = dossier_cache(seeds_dir)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")


def break_links_are_a_folder(seeds_dir, cache_home: Path) -> None:
    (dossier_cache(seeds_dir) / "related" / "links.pickle").mkdir(parents=True)
    (dossier_cache(seeds_dir) / "related" / "features.pickle").mkdir(parents=True)


@pytest.mark.parametrize("damage", [break_cache_path_is_a_file, break_dossier_cache_is_a_file, break_links_are_a_folder])
def test_related_and_compare_work_when_the_cache_cannot_be_written(seeds_dir, user_dirs, clean_outputs, damage):
    damage(seeds_dir, user_dirs["cache"])
    runs = related_and_compare(seeds_dir)
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    assert [run.stdout for run in runs] == clean_outputs


def test_related_and_compare_work_on_a_full_disk(seeds_dir, clean_outputs):
    # 8 KB per file: no cache of the seeds fits (the smallest, the links, is 14 KB).
    runs = related_and_compare(seeds_dir, limit_file_bytes=8 * 1024)
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    assert [run.stdout for run in runs] == clean_outputs


KILLED_SAVE = """
import os, sys, time
from dossier_tui.atomic_write import write_atomically

def stall(handle):
    handle.write(b"x" * 100_000)
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)

write_atomically(sys.argv[1], stall)
"""


def test_a_save_killed_midway_leaves_no_temporary_after_the_next_save(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    target = folder / "analysis.pickle"
    writer = subprocess.Popen([sys.executable, "-c", KILLED_SAVE, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=TIMEOUT)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], "the killed writer left its temporary"
    write_atomically(target, b"whole")
    assert sorted(p.name for p in folder.iterdir()) == ["analysis.pickle"]
    assert target.read_bytes() == b"whole"


def test_the_analysis_save_of_a_killed_open_is_cleaned_by_the_next_one(dossier_copy):
    # A real killed process's pid: its temporary beside the analysis must go with the next save.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=TIMEOUT)
    folder = dossier_cache(dossier_copy)
    folder.mkdir(parents=True)
    orphan = folder / f".analysis.pickle.{dead.pid}.k3j2h1.tmp"
    orphan.write_bytes(b"x" * 1000)
    Workspace(dossier_copy).analyze()
    assert not orphan.exists()
    assert (folder / "analysis.pickle").exists()


def test_a_file_edited_while_the_first_index_is_built_is_reindexed_next_time(dossier_copy):
    first = Workspace(dossier_copy)
    first.load()
    article = dossier_copy / f"{GULEVICH}.txt"
    with article.open("a", encoding="utf-8") as handle:  # the edit lands after the file was read
        handle.write("\n\nThe quartermaster Zyxvarnik signed it too.\n")
    first.analyze()
    first.index()
    assert not first.search("Zyxvarnik").hits  # this build read the file before the edit
    later = Workspace(dossier_copy)
    later.load()
    later.index()
    assert [hit.article_id for hit in later.search("Zyxvarnik").hits] == [GULEVICH]


def test_a_touched_file_whose_content_did_not_change_is_not_reindexed(dossier_copy):
    Workspace(dossier_copy).index()
    article = dossier_copy / f"{GULEVICH}.txt"
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    from dossier_tui.index import DossierIndex

    again = Workspace(dossier_copy)
    index = DossierIndex.open(dossier_copy)
    report = index.update(again.load(), again.analyze())
    assert (report.touched, report.articles_indexed, report.rebuilt) == (1, 0, False)
