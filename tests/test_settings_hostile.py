"""aliases.yaml (which travels inside a dossier) and keymap files written to break things
(issue 14, Medium and Low): each gives `file:line: message` lines, never a traceback, an escape
sequence on the terminal or minutes of work."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dossier_tui.analysis import analyze
from dossier_tui.corpus import load_dossier
from dossier_tui.keymap import KeymapError, load_keymap

DEEP = "merge:\n  - " + "[" * 5000 + "]" * 5000 + "\n"


def aliases(root, text: str):
    (root / "aliases.yaml").write_text(text, encoding="utf-8")
    return analyze(load_dossier(root))


def test_aliases_nested_thousands_deep_are_one_warning_with_a_line(dossier_copy):
    analysis = aliases(dossier_copy, DEEP)
    assert len(analysis.warnings) == 1 and "aliases.yaml:2:" in analysis.warnings[0]
    assert analysis.entities  # the analysis itself is whole


def test_an_escape_written_in_aliases_yaml_never_reaches_the_terminal(dossier_copy):
    (dossier_copy / "aliases.yaml").write_text('rename:\n  Lukashenka: "Luka\\e]0;PWNED\\ashenka"\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "dossier_tui", "entities", "-d", str(dossier_copy)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stdout
    assert "Lukashenka " in run.stdout  # the sequence is dropped, as from article text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("entry", ["  - Name{n}\n", "- a\n"], ids=["names", "shortest"])
def test_a_huge_aliases_yaml_is_refused_with_a_warning(dossier_copy, entry):
    entries = "".join(entry.format(n=n) for n in range(400_000))
    analysis = aliases(dossier_copy, "ignore:\n" + entries)
    assert any("larger than 256 KB" in w for w in analysis.warnings)


@pytest.mark.timeout(60)
def test_many_aliases_entries_apply_in_bounded_time(dossier_copy):
    entries = "".join(f"- [N{n}, O{n}]\n" for n in range(10_500))
    analysis = aliases(dossier_copy, "merge:\n" + entries)
    assert any("more than 10,000 entries" in w for w in analysis.warnings)


def test_a_second_rename_section_is_warned_about(dossier_copy):
    analysis = aliases(dossier_copy, "rename:\n  Lukashenka: Aliaksandr Lukashenka\nrename:\n  Kremlin: The Kremlin\n")
    assert any("aliases.yaml:3:" in w and "second 'rename:'" in w for w in analysis.warnings)
    assert analysis.entity("Kremlin").name == "The Kremlin"


def write_keymap(tmp_path, text: str):
    path = tmp_path / "keymap.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_keymap_nested_thousands_deep_is_file_line_and_exit_2(tmp_path):
    path = write_keymap(tmp_path, "reader:\n  next_hit: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(KeymapError) as error:
        load_keymap(str(path))
    assert error.value.problems and str(error.value.problems[0]).startswith(f"{path}:2:")
    run = subprocess.run([sys.executable, "-m", "dossier_tui", "keys", "--keymap", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "Traceback" not in run.stderr and run.stderr.count("\n") == 1


def test_a_nul_in_a_keymap_is_one_message_with_its_line(tmp_path):
    path = write_keymap(tmp_path, "reader:\n  next_hit: [n]\n  copy: [y\x00]\n")
    run = subprocess.run([sys.executable, "-m", "dossier_tui", "keys", "--keymap", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and run.stderr.startswith(f"{path}:3:"), run.stderr


def test_a_keymap_description_cannot_print_escapes(tmp_path):
    path = write_keymap(tmp_path, 'reader:\n  copy: {keys: [y], description: "Copy\\e]0;PWNED\\a now"}\n')
    keymap = load_keymap(str(path))
    assert keymap.binding("reader.copy").description == "Copy now"
    run = subprocess.run([sys.executable, "-m", "dossier_tui", "keys", "--keymap", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "\x1b" not in run.stdout and "Copy now" in run.stdout
