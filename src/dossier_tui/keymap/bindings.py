"""The effective keymap: which keys run which action in each context, after presets and the user file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier_tui.keymap.key_names import textual_name

# Headings for the help screen and `dossier keys`, in the order the contexts are shown.
CONTEXT_TITLES = {
    "global": "Everywhere",
    "list": "Article list",
    "reader": "Reading view",
    "related": "Related passages",
    "search": "Search bar",
    "entities": "Entities",
    "quotes": "Quotes",
    "compare": "Compare",
    "select": "Selecting a passage",
    "editor": "Note editor",
    "notes": "Notes",
    "messages": "Message log",
}


@dataclass(slots=True)
class KeyBinding:
    action_id: str
    keys: list[str]
    """Each entry one key (`ctrl+d`) or a sequence of keys separated by spaces (`g g`)."""
    description: str

    @property
    def context(self) -> str:
        return self.action_id.split(".", 1)[0]

    @property
    def action(self) -> str:
        return self.action_id.split(".", 1)[1]

    def to_json(self) -> dict[str, object]:
        return {"id": self.action_id, "keys": self.keys, "description": self.description}


class Keymap:
    def __init__(self, name: str, files: list[Path], bindings: list[KeyBinding]) -> None:
        self.name = name
        self.files = files
        """The files merged into this keymap, the default first."""
        self._bindings = {binding.action_id: binding for binding in bindings}

    def contexts(self) -> list[str]:
        present = {binding.context for binding in self._bindings.values()}
        known = [context for context in CONTEXT_TITLES if context in present]
        return known + sorted(present - set(known))

    def bindings(self, context: str | None = None) -> list[KeyBinding]:
        return [b for b in self._bindings.values() if context is None or b.context == context]

    def binding(self, action_id: str) -> KeyBinding | None:
        return self._bindings.get(action_id)

    def keys_for(self, action_id: str) -> list[str]:
        binding = self._bindings.get(action_id)
        return list(binding.keys) if binding else []

    def description(self, action_id: str) -> str:
        binding = self._bindings.get(action_id)
        return binding.description if binding else ""

    def sequences(self, context: str) -> dict[tuple[str, ...], str]:
        """The multi-key sequences of one context: keys -> action id (Textual cannot bind these)."""
        return {
            tuple(keys.split(" ")): binding.action_id
            for binding in self.bindings(context)
            for keys in binding.keys
            if " " in keys
        }

    def textual_keymap(self) -> dict[str, str]:
        """Binding id -> comma-separated Textual key names, for `App.set_keymap`.

        Sequences are left to the pending-prefix layer (app/key_sequences.py). An action bound only
        to sequences is mapped to the first key of its first sequence: that key is never bound alone
        in its context (validation forbids it) and the layer consumes it there, so the Textual
        binding never fires by itself, yet the action leaves its default key free and stays in the
        footer, where the app shows its real keys.
        """
        keymap = {}
        for binding in self._bindings.values():
            singles = [textual_name(keys) for keys in binding.keys if " " not in keys]
            keymap[binding.action_id] = ",".join(singles or [textual_name(binding.keys[0].split(" ")[0])])
        return keymap

    def to_json(self) -> dict[str, object]:
        return {
            "keymap": self.name,
            "files": [str(path) for path in self.files],
            "contexts": {
                context: [binding.to_json() for binding in self.bindings(context)] for context in self.contexts()
            },
        }
