"""`dossier keys`: the effective keymap for people and scripts, and the README's action table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dossier_tui.cli.keys_cmd import action_table_markdown
from dossier_tui.cli.main import main
from dossier_tui.keymap import load_keymap

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_action_table_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:begin -->\n(.*?)<!-- keys:end -->", text, re.S)
    assert found, "README.md lost its keys table markers"
    assert found.group(1) == action_table_markdown(), "run `dossier keys --markdown` and paste it into README.md"


def test_the_readme_example_keymap_loads(tmp_path):
    keys_section = README.read_text(encoding="utf-8").split("## Keys", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", keys_section, re.S).group(1)
    path = tmp_path / "keymap.yaml"
    path.write_text(example)
    keymap = load_keymap(str(path))
    assert keymap.keys_for("reader.next_hit") == ["n", "ctrl+n"]
    assert keymap.keys_for("reader.top") == ["g g", "home"]


def test_the_table_lists_every_action_with_its_keys_in_each_preset():
    rows = action_table_markdown().splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == [b.action_id for b in load_keymap("default").bindings()]
    top = next(row for row in rows if row.startswith("| `reader.top` |"))
    assert top == "| `reader.top` | Top | `g` `home` | `g g` `home` | `alt+<` `home` |"


def test_keys_prints_the_effective_keymap_per_context(capsys):
    assert main(["keys", "--keymap", "vim"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("keymap: vim")
    reading = out.split("Reading view (reader)\n", 1)[1]
    assert re.search(r"^  g g, home +Top  \[reader\.top\]$", reading, re.M)


def test_keys_json_reads_the_user_file(capsys, write_user_keymap):
    path = write_user_keymap("extends: emacs\nreader:\n  copy: [Y]\n")
    assert main(["keys", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["keymap"] == str(path) and data["files"][-1] == str(path)
    copy = next(b for b in data["contexts"]["reader"] if b["id"] == "reader.copy")
    assert copy == {"id": "reader.copy", "keys": ["Y"], "description": "Copy"}
    assert next(b for b in data["contexts"]["global"] if b["id"] == "global.command_palette")["keys"] == ["alt+x"]


def test_an_invalid_keymap_exits_2_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "keys.yaml"
    path.write_text("extends: vim\nreader:\n  copy: [G]\n  top: [homme]\n")
    assert main(["keys", "--keymap", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{path}:3: reader.copy: `G` is already bound to reader.bottom")
    assert lines[1] == f"{path}:4: reader.top: unknown key 'homme' (did you mean 'home'?)"
    assert "Traceback" not in captured.err


def test_an_unknown_preset_exits_2(capsys):
    assert main(["keys", "--keymap", "vi"]) == 2
    assert "unknown keymap 'vi'" in capsys.readouterr().err
