"""Keymaps: YAML presets and the user's file merged into the keys in force, validated line by line.

Pure core: no Textual here. The app applies `Keymap.textual_keymap()` with `App.set_keymap` and
handles multi-key sequences itself (app/key_sequences.py).
"""

from dossier_tui.keymap.bindings import CONTEXT_TITLES, KeyBinding, Keymap
from dossier_tui.keymap.key_names import KeyNameError, normalize_key, textual_name
from dossier_tui.keymap.loading import KeymapError, load_keymap, load_keymap_or_default
from dossier_tui.keymap.presets import preset_names, user_keymap_path

__all__ = [
    "CONTEXT_TITLES",
    "KeyBinding",
    "KeyNameError",
    "Keymap",
    "KeymapError",
    "load_keymap",
    "load_keymap_or_default",
    "normalize_key",
    "preset_names",
    "textual_name",
    "user_keymap_path",
]
