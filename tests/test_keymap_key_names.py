"""Our key-name tables agree with Textual's, without the core importing Textual."""

from __future__ import annotations

import string

import pytest
from textual.keys import Keys, _character_to_key

from dossier_tui.keymap.key_names import KeyNameError, normalize_key, normalize_sequence, textual_name

# Enum members Textual never reports as a key press: placeholders, and keys a terminal sends as
# another key (`return`, `ctrl+m` arrive as enter, `ctrl+i` as tab, `ctrl+@` as ctrl+space).
NOT_PRESSABLE = {"<any>", "<scroll-up>", "<scroll-down>", "<ignore>", "ctrl-at", "return", "ctrl+@", "ctrl+i", "ctrl+m"}


@pytest.mark.parametrize("key", sorted(k.value for k in Keys if k.value not in NOT_PRESSABLE))
def test_every_textual_key_is_accepted_and_round_trips(key):
    assert textual_name(normalize_key(key)) == key


@pytest.mark.parametrize("character", list(string.printable.strip()))
def test_printable_characters_map_to_textual_names_both_ways(character):
    name = _character_to_key(character)
    assert textual_name(normalize_key(character)) == name
    assert normalize_key(name) == normalize_key(character)


@pytest.mark.parametrize(
    "written, canonical",
    [("?", "?"), ("question_mark", "?"), ("shift+ctrl+up", "ctrl+shift+up"), ("ctrl+D", None), ("G", "G"),
     (" ", "space"), ("PageDown", "pagedown"), ("alt+<", "alt+<")],
)
def test_spellings_normalise_to_one_canonical_key(written, canonical):
    if canonical is None:
        with pytest.raises(KeyNameError, match="lower case"):
            normalize_key(written)
    else:
        assert normalize_key(written) == canonical


@pytest.mark.parametrize(
    "written, hint",
    [("shift+g", "capital letter 'G'"), ("return", "write 'enter'"), ("pagedwn", "did you mean 'pagedown'"),
     ("j,down", "list several keys"), ("ctrl+i", "reaches the app as 'tab'"), ("hyper+", "without a key"), ("cmd+s", "unknown modifier")],
)
def test_wrong_key_names_say_what_to_write(written, hint):
    with pytest.raises(KeyNameError, match=hint):
        normalize_key(written)


def test_sequences_are_keys_separated_by_single_spaces():
    assert normalize_sequence("g g") == ("g", "g")
    assert normalize_sequence("ctrl+x ctrl+c") == ("ctrl+x", "ctrl+c")
    with pytest.raises(KeyNameError, match="single spaces"):
        normalize_sequence("g  g")
