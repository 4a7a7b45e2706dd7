"""The app's bindings and keymaps/default.yaml say the same: ids, default keys, footer descriptions."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import dossier_tui.app
from dossier_tui.keymap import load_keymap, normalize_key


def _app_bindings() -> dict[str, list[Binding]]:
    found: dict[str, list[Binding]] = {}
    for module_info in pkgutil.iter_modules(dossier_tui.app.__path__):
        module = importlib.import_module(f"dossier_tui.app.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                for binding in cls.__dict__.get("BINDINGS", []):
                    if isinstance(binding, Binding) and binding.id:
                        found.setdefault(binding.id, []).append(binding)
    return found


def test_every_app_binding_has_its_default_keys_and_description():
    default = load_keymap("default")
    bindings = _app_bindings()
    assert {"global.quit", "reader.next_hit", "list.open"} <= set(bindings)
    for action_id, declared in bindings.items():
        assert default.binding(action_id) is not None, f"{action_id} is not in keymaps/default.yaml"
        for binding in declared:
            keys = [normalize_key(key.strip()) for key in binding.key.split(",")]
            assert keys == default.keys_for(action_id), action_id
            assert binding.description == default.description(action_id), action_id
