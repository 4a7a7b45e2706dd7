"""The annotation store: where it lives, two writers at once, SIGKILL mid-write, files it cannot read."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dossier_tui import locations
from dossier_tui.annotations import Annotation, AnnotationStore, AnnotationStoreError, Target, store_path
from dossier_tui.annotations.records import new_id, now
from dossier_tui.cli.main import main

LOG = "annotations.jsonl"


def note(article="a", text="a note", **extra) -> Annotation:
    stamp = now()
    return Annotation(new_id(), Target(article, 1, 0, 1, 5, "quote", digest="d"), text, ("t",), created=stamp, updated=stamp, **extra)


def test_the_store_lives_in_the_dossier_folder(dossier_copy):
    store = AnnotationStore(dossier_copy)
    store.put(note())
    assert store.path == dossier_copy / LOG
    first = (dossier_copy / LOG).read_text(encoding="utf-8").splitlines()
    assert json.loads(first[0]) == {"format": "dossier-tui annotations", "version": 1}
    assert json.loads(first[1])["op"] == "note"


def test_read_only_dossiers_keep_annotations_in_the_data_dir(seeds_dir, tmp_path, user_dirs):
    builtin = AnnotationStore(seeds_dir)
    builtin.put(note())
    assert builtin.path.is_relative_to(user_dirs["data"]) and not (seeds_dir / LOG).exists()
    one_file = tmp_path / "one.txt"
    one_file.write_text("Title\n\nSome text here.", encoding="utf-8")
    assert store_path(one_file).is_relative_to(locations.data_dir())
    assert AnnotationStore(seeds_dir).notes.keys() == builtin.notes.keys()


def test_a_second_reader_sees_the_first_ones_notes_on_reload(dossier_copy):
    first, second = AnnotationStore(dossier_copy), AnnotationStore(dossier_copy)
    added = first.put(note(text="from the first"))
    assert added.id not in second.notes
    assert second.reload() and second.notes[added.id].note == "from the first"
    second.set_read(["a"])
    second.set_flag("a", "dubious")
    first.reload()
    assert first.is_read("a") and first.flags("a") == {"dubious"}


_WRITER = textwrap.dedent(
    """
    import sys
    from dossier_tui.annotations import store as module
    from dossier_tui.annotations import AnnotationStore, Annotation, Target
    from dossier_tui.annotations.records import new_id
    module.COMPACT_AFTER = int(sys.argv[3])
    store = AnnotationStore(sys.argv[1])
    for number in range(int(sys.argv[2])):
        a = Annotation(new_id(), Target("a", 1, 0, 1, 5, "quote"), f"{sys.argv[4]} {number}")
        store.put(a)
        if number % 3 == 0:
            store.put(a.edited(note=a.note + " edited"))  # superseded lines: the log gets compacted
        print(a.id, flush=True)
    """
)


def _writer(folder, count, compact_after, name) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(folder), str(count), str(compact_after), name],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_processes_adding_notes_at_once_lose_nothing(dossier_copy):
    writers = [_writer(dossier_copy, 150, 20, name) for name in ("one", "two")]
    acknowledged = []
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        acknowledged += out.split()
    store = AnnotationStore(dossier_copy)
    assert store.problem is None
    assert len(acknowledged) == 300 and set(acknowledged) == set(store.notes)
    assert sum(line.strip() != "" for line in (dossier_copy / LOG).open(encoding="utf-8")) < 300 + 100 + 1 + 40  # compacted


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3])
def test_sigkill_mid_write_keeps_every_acknowledged_note(dossier_copy, delay):
    writer = _writer(dossier_copy, 100_000, 50, "killed")
    acknowledged = [writer.stdout.readline().strip()]  # at least one before the kill
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    out, _ = writer.communicate(timeout=10)
    acknowledged += out.split()
    store = AnnotationStore(dossier_copy)
    assert store.problem is None
    assert set(acknowledged) <= set(store.notes)
    store.put(note(text="after the crash"))  # the next writer cuts off a torn line, if any
    assert AnnotationStore(dossier_copy).problem is None


def test_a_torn_last_line_is_ignored_then_cut_off(dossier_copy):
    store = AnnotationStore(dossier_copy)
    kept = store.put(note())
    with open(dossier_copy / LOG, "a", encoding="utf-8") as log:
        log.write('{"op": "note", "id": "half-writ')
    again = AnnotationStore(dossier_copy)
    assert again.problem is None and set(again.notes) == {kept.id}
    added = again.put(note())
    lines = (dossier_copy / LOG).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("id") for line in lines[1:]] == [kept.id, added.id]


def test_a_complete_last_line_without_newline_is_kept(dossier_copy):
    store = AnnotationStore(dossier_copy)
    store.put(note())
    path = dossier_copy / LOG
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[1]) | {"id": "handmade"}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record))  # saved by an editor without a final newline
    reader = AnnotationStore(dossier_copy)
    assert "handmade" in reader.notes
    store.put(note())
    assert {"handmade"} < set(AnnotationStore(dossier_copy).notes) and len(AnnotationStore(dossier_copy).notes) == 3


def _malformed(folder):
    store = AnnotationStore(folder)
    good = store.put(note(text="readable"))
    path = folder / LOG
    with open(path, "a", encoding="utf-8") as log:
        log.write('{"op": "note", "id": "broken", "paragraph": "three"}\n')
        log.write(json.dumps({"op": "read", "article": "a", "read": True}) + "\n")
    return good, path, path.read_bytes()


def test_a_malformed_store_is_reported_with_its_line_and_never_overwritten(dossier_copy, capsys):
    good, path, before = _malformed(dossier_copy)
    store = AnnotationStore(dossier_copy)
    assert store.problem.startswith(f"{path}:3: ")
    assert good.id in store.notes and store.is_read("a")  # what could be read is still shown
    with pytest.raises(AnnotationStoreError, match=r"read-only.*:3:"):
        store.put(note())
    code = main(["note", "add", "-d", str(dossier_copy), "000_037e540408ff3126", "--paragraph", "1"])
    err = capsys.readouterr().err
    assert code == 2 and f"{path}:3:" in err
    assert main(["mark", "-d", str(dossier_copy), "000_037e540408ff3126", "--read"]) == 2
    assert path.read_bytes() == before


def test_a_fixed_store_is_writable_again(dossier_copy):
    good, path, before = _malformed(dossier_copy)
    store = AnnotationStore(dossier_copy)
    assert store.read_only
    lines = before.decode().splitlines(keepends=True)
    path.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    store.reload()
    assert not store.read_only
    store.put(note())
    assert len(AnnotationStore(dossier_copy).notes) == 2


def test_a_store_from_a_newer_version_is_left_alone(dossier_copy):
    path = dossier_copy / LOG
    path.write_text('{"format": "dossier-tui annotations", "version": 7}\n{"op": "scribble"}\n', encoding="utf-8")
    before = path.read_bytes()
    store = AnnotationStore(dossier_copy)
    assert store.problem == f"{path}:1: written by a newer dossier-tui (format version 7, this one reads 1)"
    with pytest.raises(AnnotationStoreError):
        store.set_read(["a"])
    assert path.read_bytes() == before


def test_flags_and_read_state(dossier_copy):
    store = AnnotationStore(dossier_copy)
    assert store.set_read(["a", "b", "a"]) == 2 and store.set_read(["a"]) == 0
    assert store.set_flag("a", "  key   source ") and not store.set_flag("a", "key source")
    store.set_flag("a", "key source", on=False)
    store.set_read(["b"], read=False)
    again = AnnotationStore(dossier_copy)
    assert (again.is_read("a"), again.is_read("b"), again.flags("a")) == (True, False, set())
