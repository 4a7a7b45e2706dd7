"""A read-only dossier folder that holds its own annotations.jsonl (shared, checked out of git,
mounted read-only): its notes are shown, changes go to the data dir, both are read together and
the folder's file is never written."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from dossier_tui.annotations import AnnotationStore
from tests.cli_run import cli

GULEVICH = "000_037e540408ff3126"
LOG = "annotations.jsonl"



@contextlib.contextmanager
def read_only(folder: Path):
    """FOLDER and its files unwritable. Root writes through permissions, so as root the folder and
    its files are also made immutable (chattr +i), which root cannot write through either."""
    paths = [folder, *folder.iterdir()]
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without chattr +i: cannot make a folder read-only")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def shared(dossier_copy, capsys):
    """The seeds with one note and one flag written into the folder's own annotations.jsonl."""
    d = str(dossier_copy)
    assert cli(capsys, "note", "add", "-d", d, GULEVICH, "--paragraph", "1", "--note", "from the shared file")[0] == 0
    assert cli(capsys, "mark", "-d", d, GULEVICH, "--flag", "key source")[0] == 0
    assert (dossier_copy / LOG).exists()
    return dossier_copy


def test_a_read_only_dossiers_own_notes_show_and_changes_go_to_the_data_dir(shared, capsys, user_dirs):
    d = str(shared)
    before = (shared / LOG).read_bytes()
    with read_only(shared):
        code, out, _ = cli(capsys, "notes", "-d", d, "--json")
        assert code == 0 and [n["note"] for n in json.loads(out)] == ["from the shared file"]
        shared_id = json.loads(out)[0]["id"]

        code, _, err = cli(capsys, "note", "add", "-d", d, GULEVICH, "--paragraph", "2", "--note", "mine")
        assert code == 0
        assert err.count("read-only") == 1 and str(user_dirs["data"]) in err  # said once, with where
        assert cli(capsys, "mark", "-d", d, GULEVICH, "--read")[0] == 0
        assert cli(capsys, "note", "rm", "-d", d, shared_id)[0] == 0  # hidden by the change, not rewritten

        code, out, _ = cli(capsys, "notes", "-d", d, "--json")
        assert [n["note"] for n in json.loads(out)] == ["mine"]
        _, out, _ = cli(capsys, "list", "-d", d, "--json")
        state = next(a for a in json.loads(out) if a["id"] == GULEVICH)
        assert state["read"] and state["flags"] == ["key source"]  # the file's flag, the change's read
    assert (shared / LOG).read_bytes() == before
    assert len(list(user_dirs["data"].rglob("*.jsonl"))) == 1


def test_a_change_to_the_shared_file_shows_under_the_local_changes(shared):
    with read_only(shared):
        store = AnnotationStore(shared)
        store.set_flag(GULEVICH, "dubious")
        assert store.elsewhere and store.flags(GULEVICH) == {"key source", "dubious"}
    # The shared file is updated (a git pull): a second note arrives in it.
    pulled = next(iter(store.notes.values())).edited(id="pulled1234", note="pulled")
    AnnotationStore(shared, shared / LOG).put(pulled)
    with read_only(shared):
        assert store.reload()
        assert sorted(a.note for a in store.notes.values()) == ["from the shared file", "pulled"]
        assert store.flags(GULEVICH) == {"key source", "dubious"}
