"""Presets, extends, the user's file and --keymap NAME|PATH."""

from __future__ import annotations

import textwrap

import pytest

from dossier_tui.keymap import KeymapError, load_keymap, load_keymap_or_default, preset_names

PRESETS = ["default", "vim", "emacs"]


def _default_action_ids():
    return [binding.action_id for binding in load_keymap("default").bindings()]


def test_the_presets_ship_with_the_package():
    assert set(PRESETS) <= set(preset_names())


@pytest.mark.parametrize("preset", PRESETS)
def test_each_preset_loads_and_every_default_action_is_reachable(preset):
    keymap = load_keymap(preset)
    assert keymap.name == preset
    assert [binding.action_id for binding in keymap.bindings()] == _default_action_ids()
    textual = keymap.textual_keymap()
    for binding in keymap.bindings():
        assert binding.keys, binding.action_id
        assert binding.description
        # Reachable: a single key Textual can bind, or a sequence the pending-prefix layer runs.
        singles = [keys for keys in binding.keys if " " not in keys]
        sequences = [tuple(keys.split(" ")) for keys in binding.keys if " " in keys]
        assert singles or all(keymap.sequences(binding.context).get(seq) == binding.action_id for seq in sequences)
        assert textual[binding.action_id]


def test_vim_adds_the_keys_vim_users_expect():
    vim = load_keymap("vim")
    assert "g g" in vim.keys_for("reader.top") and "G" in vim.keys_for("reader.bottom")
    assert "] ]" in vim.keys_for("reader.next_paragraph") and "[ [" in vim.keys_for("reader.previous_paragraph")
    assert "ctrl+d" in vim.keys_for("reader.page_down") and "ctrl+u" in vim.keys_for("reader.page_up")
    assert vim.sequences("reader") == {
        ("g", "g"): "reader.top",
        ("]", "]"): "reader.next_paragraph",
        ("[", "["): "reader.previous_paragraph",
        ("z", "z"): "reader.center",
    }
    # The default keys stay: arrows, home/end.
    assert {"down", "j"} <= set(vim.keys_for("reader.next_paragraph"))
    assert "home" in vim.keys_for("reader.top")


def test_emacs_moves_the_command_palette_off_ctrl_p():
    emacs = load_keymap("emacs")
    assert "ctrl+p" in emacs.keys_for("reader.previous_paragraph")
    assert emacs.keys_for("global.command_palette") == ["alt+x"]
    assert emacs.textual_keymap()["reader.top"] == "alt+less_than_sign,home"


def test_a_user_file_extending_vim_changes_exactly_the_keys_it_names(write_user_keymap):
    path = write_user_keymap(
        textwrap.dedent(
            """\
            extends: vim
            reader:
              next_hit: [ctrl+n, n]
              copy: {description: Copy with source}
            global:
              quit: {keys: [ctrl+q]}
            """
        )
    )
    vim = {b.action_id: b for b in load_keymap("vim").bindings()}
    mine = load_keymap()  # no --keymap: the user's file
    assert mine.files[-1] == path and [p.stem for p in mine.files[:2]] == ["default", "vim"]
    changed = {b.action_id for b in mine.bindings() if b != vim[b.action_id]}
    assert changed == {"reader.next_hit", "reader.copy", "global.quit"}
    assert mine.keys_for("reader.next_hit") == ["ctrl+n", "n"]
    assert mine.keys_for("reader.copy") == ["y"] and mine.description("reader.copy") == "Copy with source"
    assert mine.keys_for("global.quit") == ["ctrl+q"]
    assert mine.textual_keymap()["global.quit"] == "ctrl+q"
    assert mine.keys_for("reader.top") == ["g g", "home"]


def test_without_a_user_file_the_default_applies():
    assert load_keymap().name == "default"


def test_a_user_file_without_extends_builds_on_the_default(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("reader:\n  copy: [Y]\n")
    keymap = load_keymap(str(path))
    assert keymap.keys_for("reader.copy") == ["Y"]
    assert keymap.keys_for("reader.top") == ["g", "home"]


def test_extends_may_name_a_file_next_to_the_keymap(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: vim\nreader:\n  copy: [Y]\n")
    (tmp_path / "mine.yaml").write_text("extends: base.yaml\nreader:\n  next_hit: [ctrl+n]\n")
    keymap = load_keymap(str(tmp_path / "mine.yaml"))
    assert [p.name for p in keymap.files] == ["default.yaml", "vim.yaml", "base.yaml", "mine.yaml"]
    assert keymap.keys_for("reader.copy") == ["Y"] and keymap.keys_for("reader.next_hit") == ["ctrl+n"]


def test_an_unknown_keymap_name_lists_the_presets():
    with pytest.raises(KeymapError, match="unknown keymap 'vi' .presets: default, emacs, vim"):
        load_keymap("vi")


def test_the_reader_falls_back_to_the_default_with_the_message(write_user_keymap):
    path = write_user_keymap("extends: vim\nreader:\n  next_hit: [j]\n")
    keymap, notice = load_keymap_or_default(None)
    assert keymap.name == "default"
    assert notice.startswith(f"{path}:3: reader.next_hit: `j` is already bound to reader.next_paragraph")
