"""Two processes opening the same dossier coordinate: the second waits for the first's index
build (saying so) instead of deleting it; a bug in our search code surfaces, damage does not."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from dossier_tui.index import DossierIndex
from dossier_tui.pipeline import Workspace

TIMEOUT = 300


def search(folder, *words: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dossier_tui", "search", "-d", str(folder), *words, "--json", "--limit", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_cold_opens_at_once_both_answer_from_one_complete_index(news_dossier):
    folder = news_dossier(300, "txt")
    runs = [search(folder, "north", "korea"), search(folder, "north", "korea")]
    outputs = [run.communicate(timeout=TIMEOUT) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    for _, err in outputs:
        assert "Traceback" not in err and "damaged" not in err and "last complete version" not in err, err
    assert outputs[0][0] == outputs[1][0]
    later = search(folder, "north", "korea")
    out, err = later.communicate(timeout=TIMEOUT)
    assert out == outputs[0][0] and "rebuild" not in err


HOLD_LOCK = """
import sys
from pathlib import Path
from dossier_tui.index.build_lock import build_lock
from dossier_tui.locations import dossier_cache

with build_lock(dossier_cache(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_open_waits_for_the_first_and_says_so(dossier_copy):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(dossier_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        waiter = search(dossier_copy, "Gulevich")
        with pytest.raises(subprocess.TimeoutExpired):
            waiter.wait(timeout=3)  # blocked on the lock, not building beside it
        holder.stdin.write("done\n")
        holder.stdin.flush()
        out, err = waiter.communicate(timeout=TIMEOUT)
    finally:
        holder.kill()
        holder.wait(timeout=TIMEOUT)
    assert waiter.returncode == 0
    assert f"process {holder.pid} is indexing this dossier; waiting for it" in err
    assert "000_037e540408ff3126" in out


def test_the_wait_has_a_limit_then_search_goes_on_without_the_index(dossier_copy, monkeypatch):
    monkeypatch.setattr("dossier_tui.index.build_lock.WAIT_LIMIT", 1.0)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(dossier_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        workspace = Workspace(dossier_copy)
        started = time.monotonic()
        assert workspace.index() is None
        waited = time.monotonic() - started
        result = workspace.search("Gulevich")
    finally:
        holder.kill()
        holder.wait(timeout=TIMEOUT)
    assert 1.0 <= waited < 30
    assert f"process {holder.pid} has been indexing this dossier for over 1 s; searching without the index" in workspace.notices[-1]
    assert "000_037e540408ff3126" in [hit.article_id for hit in result.hits]


def test_a_bug_in_our_search_code_surfaces_and_leaves_the_index_on(dossier_copy, monkeypatch):
    workspace = Workspace(dossier_copy)
    index = workspace.index()
    assert index.ready

    def broken(*args, **kwargs):
        raise TypeError("a bug, not damage")

    monkeypatch.setattr("dossier_tui.index.highlights.mark", broken)
    with pytest.raises(TypeError, match="a bug"):
        index.search("Gulevich")
    assert index.ready and index.notice is None

