"""Each kind of invalid keymap gives its own one-line message at the right line; all are reported at once."""

from __future__ import annotations

import textwrap

import pytest

from dossier_tui.keymap import KeymapError, load_keymap

CASES = {
    "unknown action": (
        """\
        extends: vim
        reader:
          next_hitt: [n]
        """,
        3, "unknown action `reader.next_hitt` (did you mean `next_hit`?)",
    ),
    "unknown context": (
        """\
        readr:
          copy: [Y]
        """,
        1, "unknown context `readr` (did you mean `reader`?",
    ),
    "unknown key name": (
        """\
        reader:
          copy: [Y]
          page_down: [pagedwn]
        """,
        3, "reader.page_down: unknown key 'pagedwn' (did you mean 'pagedown'?)",
    ),
    "clash in one context": (
        """\
        extends: vim
        reader:
          copy: [y]
          next_hit: [j]
        """,
        4, "reader.next_hit: `j` is already bound to reader.next_paragraph (",
    ),
    "clash with global": (
        """\
        list:
          open: [enter, q]
        """,
        2, "list.open: `q` is already bound to global.quit (",
    ),
    "sequence behind a bound prefix": (
        """\
        reader:
          top: [g g]
          bottom: [g]
        """,
        3, "reader.bottom: `g` starts the sequence `g g` of reader.top",
    ),
    "sequence whose prefix is bound earlier": (
        """\
        extends: vim
        reader:
          copy: ["f f"]
        """,
        3, "reader.copy: `f f` can never run: `f` alone already runs reader.toggle_furniture (",
    ),
    "printable key in the search bar": (
        """\
        search:
          leave: [escape, x]
        """,
        2, "search.leave: `x` is a key that types text; in the search bar use a named key or ctrl/alt",
    ),
    "Textual's own quit key": (
        """\
        reader:
          copy: [ctrl+q]
        """,
        2, "reader.copy: `ctrl+q` always quits (Textual binds it first)",
    ),
    "keys of the wrong type": (
        """\
        reader:
          copy: {keys: {y: 1}}
        """,
        2, "reader.copy: keys should be a list such as [j, down]",
    ),
    "unknown field": (
        """\
        reader:
          copy: {key: [y]}
        """,
        2, "reader.copy: unknown field `key` (fields: keys, description)",
    ),
    "context that is not a mapping": (
        """\
        reader: [j, k]
        """,
        1, "`reader` should map actions to keys",
    ),
    "top level that is not a mapping": (
        """\
        - reader
        """,
        1, "expected a mapping of contexts at the top",
    ),
    "empty keys": (
        """\
        global:
          quit: []
        """,
        2, "global.quit: no keys; every action keeps at least one",
    ),
    "action named twice": (
        """\
        reader:
          copy: [Y]
          copy: [y]
        """,
        3, "`copy` appears twice (first at line 2)",
    ),
    "YAML syntax error": (
        """\
        reader:
          copy: [Y
          top: [home]
        """,
        3, "YAML syntax error:",
    ),
    "unknown preset in extends": (
        """\
        reader:
          copy: [Y]
        extends: vin
        """,
        3, "unknown keymap 'vin' (presets: default, emacs, vim",
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_each_invalid_file_says_what_and_where(tmp_path, kind):
    text, line, message = CASES[kind]
    path = tmp_path / "keymap.yaml"
    path.write_text(textwrap.dedent(text))
    with pytest.raises(KeymapError) as raised:
        load_keymap(str(path))
    assert any(problem.startswith(f"{path}:{line}: {message}") for problem in raised.value.problems), raised.value.problems


def test_all_problems_are_reported_in_file_order(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("reader:\n  copy: [shift+y]\n  nope: [x]\nlist:\n  open: 'j,k'\n")
    with pytest.raises(KeymapError) as raised:
        load_keymap(str(path))
    assert [problem.split(": ", 1)[0] for problem in raised.value.problems] == [f"{path}:2", f"{path}:3", f"{path}:5"]


def test_a_clash_with_a_preset_points_at_both_lines(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("extends: vim\nreader:\n  copy: [G]\n")
    with pytest.raises(KeymapError) as raised:
        load_keymap(str(path))
    (problem,) = raised.value.problems
    vim_line = next(
        number for number, line in enumerate(load_keymap("vim").files[1].read_text().splitlines(), 1)
        if line.strip().startswith("bottom:") and "G" in line and number > 10
    )
    assert problem == f"{path}:3: reader.copy: `G` is already bound to reader.bottom ({load_keymap('vim').files[1]}:{vim_line})"


def test_extends_loop_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(KeymapError, match=r"b.yaml:1: `extends` loops back to"):
        load_keymap(str(tmp_path / "a.yaml"))


def test_an_unreadable_file_is_one_line(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_bytes(b"reader:\n  copy: [\xff]\n")
    with pytest.raises(KeymapError, match="not UTF-8 text"):
        load_keymap(str(path))
