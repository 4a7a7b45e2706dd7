"""A folder of bad inputs: the good files load, each bad one gets one warning naming it and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_tui.corpus import dossier_files, load_dossier, load_file
from dossier_tui.model import DossierError

# file name -> words its one warning must contain
BAD = {
    "empty.txt": "empty file",
    "blank.md": "only white space",
    "binary.txt": "binary file",
    "broken-link.txt": "broken symlink",
    "self-link.txt": "symlink loop",
    "nested/up": "symlink loop",
    "locked.txt": "permission denied",
    "huge.txt": "too large",
    "fifo.txt": "not a regular file",
    "slides.pdf": "unsupported file type",
    "notes": "unsupported file type",
    "records.jsonl": "invalid JSON",
    "table.csv": "malformed CSV",
    "nocolumn.csv": "no text column",
    "broken.json": "invalid JSON",
    "a-link-to-good.txt": "same file as",
    "caf\ufffd.txt": "not valid UTF-8",
}


@pytest.fixture
def bad_folder(tmp_path, seeds_dir, monkeypatch):
    folder = tmp_path / "dossier"
    (folder / "nested").mkdir(parents=True)
    seed = sorted(seeds_dir.glob("*.txt"))
    (folder / "good.txt").write_bytes(seed[0].read_bytes())
    (folder / "nested" / "good-too.txt").write_bytes(seed[1].read_bytes())
    # Latin-1 text: loads, with a warning saying how it was read.
    (folder / "latin1.txt").write_bytes(
        "Café crème brûlée\n\nLe café était très bon, et la crème brûlée aussi, dit-il avec un sourire.\n".encode("latin-1")
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n \t\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken-link.txt").symlink_to(folder / "gone.txt")
    (folder / "self-link.txt").symlink_to(folder / "self-link.txt")
    (folder / "a-link-to-good.txt").symlink_to(folder / "good.txt")  # would load good.txt twice
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(seed[0].read_bytes())  # a Latin-1 file name
    (folder / "nested" / "up").symlink_to(folder, target_is_directory=True)
    (folder / "locked.txt").write_text("Secret\n\nNobody can read this.\n")
    (folder / "locked.txt").chmod(0)
    if os.geteuid() == 0:  # root reads anything: make this one file fail as it would for a user
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: _denied(self) if self.name == "locked.txt" else real(self))
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse)
    os.mkfifo(folder / "fifo.txt")  # reading it would block forever
    (folder / "slides.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "notes").write_text("no extension")
    body = seed[2].read_text(encoding="utf-8").split("\n\n")[1].strip()
    (folder / "records.jsonl").write_text(
        f'{{"title": "Kept", "text": "{body[:200]}"}}\n{{"title": "Cut off", "te\n{{"title": "Also kept", "text": "{body[200:400]}"}}\n'
    )
    (folder / "table.csv").write_text(f'title,text\nFirst,"{body[:100]}"\nSecond,"bad "quote" here"\n')
    (folder / "nocolumn.csv").write_text("name,age\nAnn,3\n")
    (folder / "broken.json").write_text('[{"title": "x",\n "text": }]\n')
    # Obviously not articles: passed over without a word.
    (folder / ".hidden.txt").write_text("hidden")
    (folder / "aliases.yaml").write_text("Lukashenko: [Lukashenka]\n")
    (folder / "page_files").mkdir()
    (folder / "page_files" / "style.css").write_text("body{}")
    (folder / "notes.txt~").write_text("backup")
    return folder


def _denied(path):
    raise PermissionError(13, "Permission denied", str(path))


def test_good_files_load_and_each_bad_file_has_one_warning_with_its_reason(bad_folder):
    dossier = load_dossier(bad_folder)
    ids = [a.id for a in dossier.articles]
    assert ids == [
        "good", "latin1", "nested/good-too", "records/1", "records/3", "table/1",
    ]
    latin = dossier.get("latin1")
    assert latin.title == "Café crème brûlée"
    by_file: dict[str, list[str]] = {}
    for warning in dossier.warnings:
        by_file.setdefault(Path(warning.path).relative_to(bad_folder).as_posix(), []).append(str(warning))
    assert sorted(by_file) == sorted([*BAD, "latin1.txt"])
    for name, reason in BAD.items():
        assert len(by_file[name]) == 1, by_file[name]
        assert reason in by_file[name][0], by_file[name][0]
        assert by_file[name][0].startswith(str(bad_folder / name))
    assert "read as cp1252" in by_file["latin1.txt"][0]
    assert by_file["records.jsonl"][0].startswith(f"{bad_folder / 'records.jsonl'}:2: ")
    assert by_file["table.csv"][0].startswith(f"{bad_folder / 'table.csv'}:3: ")
    assert by_file["broken.json"][0].startswith(f"{bad_folder / 'broken.json'}:2: ")


def test_dossier_files_lists_only_readable_candidates_and_never_loops(bad_folder):
    names = [p.relative_to(bad_folder).as_posix() for p in dossier_files(bad_folder)]
    assert "nested/up/good.txt" not in names and "slides.pdf" not in names and ".hidden.txt" not in names
    assert names == sorted(names) and "nested/good-too.txt" in names


def test_load_file_reports_instead_of_raising(tmp_path):
    articles, warnings = load_file(tmp_path / "vanished.txt", tmp_path)
    assert articles == [] and len(warnings) == 1 and "vanished.txt" in str(warnings[0])


def test_unusable_dossier_paths_raise_one_line_errors(tmp_path):
    with pytest.raises(DossierError, match="no such file or folder"):
        load_dossier(tmp_path / "missing")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF")
    with pytest.raises(DossierError, match="unsupported file type"):
        load_dossier(tmp_path / "slides.pdf")


def test_the_command_line_prints_warnings_not_tracebacks(bad_folder):
    run = subprocess.run(
        [sys.executable, "-m", "dossier_tui", "list", "--json", "-d", str(bad_folder)],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert all(line.startswith(f"warning: {bad_folder}") for line in lines)
    # locked.txt is readable by root in the child process, so it may load there
    assert len(lines) >= len(BAD)


def test_legacy_text_with_terminal_escapes_is_read_not_skipped(tmp_path):
    # Latin-1 bytes plus colour escapes and a bell: the detector gives up on such text.
    (tmp_path / "capture.txt").write_bytes(
        "Café owners protest\n\nThe \x1b[1mcafé\x1b[0m \x1b[31mclosed\x1b[0m early \x07 on Monday.\n".encode("latin-1")
    )
    dossier = load_dossier(tmp_path)
    [article] = dossier.articles
    assert article.title == "Café owners protest"
    assert [p.text for p in article.body] == ["The café closed early on Monday."]
    assert ["read as cp1252" in str(w) for w in dossier.warnings] == [True]
