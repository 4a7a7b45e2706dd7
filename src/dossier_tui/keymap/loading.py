"""Load a keymap: read the file and the presets it extends, merge them over the default, validate."""

from __future__ import annotations

import difflib
from pathlib import Path

from dossier_tui.keymap.bindings import KeyBinding, Keymap
from dossier_tui.keymap.presets import BASE, preset_names, preset_path, resolve, user_keymap_path
from dossier_tui.keymap.source import BoundKeys, KeymapFile, Origin, Problem, read_keymap_file
from dossier_tui.keymap.validation import GLOBAL, check_clashes
from dossier_tui.model import DossierError


class KeymapError(DossierError):
    """An unusable keymap; `problems` holds one `file:line: message` line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_keymap(name_or_path: str | None = None) -> Keymap:
    """A preset name (default, vim, emacs) or a file; None: the user's keymap.yaml if present, else default."""
    if name_or_path is None:
        user_file = user_keymap_path()
        name_or_path = str(user_file) if user_file.is_file() else BASE
    try:
        path = resolve(name_or_path)
    except ValueError as error:
        raise KeymapError([str(error)]) from None
    files, problems = _read_chain(path)
    bindings, merge_problems = _merge(files)
    problems += merge_problems
    if problems:
        order = {file.path: index for index, file in enumerate(files)}
        problems.sort(key=lambda problem: (-order.get(problem.origin.path, 0), problem.origin.line or 0))
        raise KeymapError([str(problem) for problem in problems])
    name = path.stem if path == preset_path(path.stem) and path.stem in preset_names() else str(path)
    return Keymap(name, [file.path for file in files], bindings)


def load_keymap_or_default(name_or_path: str | None = None) -> tuple[Keymap, str | None]:
    """For the reader, which must start whatever the user's file says: the keymap, or the default and why."""
    try:
        return load_keymap(name_or_path), None
    except KeymapError as error:
        return load_keymap(BASE), f"{error}\n(keymap not applied: using the default keys)"


def _read_chain(path: Path) -> tuple[list[KeymapFile], list[Problem]]:
    """The file and those it extends, the default first."""
    chain: list[KeymapFile] = []
    problems: list[Problem] = []
    base = preset_path(BASE).resolve()
    current = path
    while True:
        file, file_problems = read_keymap_file(current)
        chain.insert(0, file)
        problems += file_problems
        if current.resolve() == base:
            return chain, problems
        try:
            target = resolve(file.extends or BASE, relative_to=current.parent)
        except ValueError as error:
            problems.append(Problem(file.extends_origin or Origin(current), str(error)))
            target = preset_path(BASE)
        if any(target.resolve() == earlier.path.resolve() for earlier in chain):
            problems.append(Problem(file.extends_origin or Origin(current), f"`extends` loops back to {target}"))
            target = preset_path(BASE)
        current = target


def _merge(files: list[KeymapFile]) -> tuple[list[KeyBinding], list[Problem]]:
    base, *overlays = files
    problems: list[Problem] = []
    keys: dict[str, list[BoundKeys]] = {}
    descriptions: dict[str, str] = {}
    for stated in base.actions:
        if stated.keys is None or stated.description is None:
            problems.append(Problem(stated.origin, f"{stated.action_id}: the default keymap gives every action keys and a description"))
        keys[stated.action_id] = stated.keys or []
        descriptions[stated.action_id] = stated.description or stated.action_id
    contexts = list(dict.fromkeys(action_id.split(".", 1)[0] for action_id in keys))
    for overlay in overlays:
        problems += [
            Problem(origin, _unknown_context(context, contexts))
            for context, origin in overlay.context_origins.items()
            if context not in contexts
        ]
        for stated in overlay.actions:
            if stated.action_id.split(".", 1)[0] not in contexts:
                continue
            if stated.action_id not in keys:
                problems.append(Problem(stated.origin, _unknown_action(stated.action_id, keys)))
                continue
            if stated.keys is not None:
                keys[stated.action_id] = stated.keys
            if stated.description is not None:
                descriptions[stated.action_id] = stated.description
    order = {file.path: index for index, file in enumerate(files)}
    if GLOBAL in contexts:
        problems += check_clashes(keys, contexts, lambda origin: (order.get(origin.path, -1), origin.line or 0))
    bindings = [
        KeyBinding(action_id, [" ".join(entry.keys) for entry in entries], descriptions[action_id])
        for action_id, entries in keys.items()
    ]
    return bindings, problems


def _unknown_context(context: str, contexts: list[str]) -> str:
    close = difflib.get_close_matches(context, contexts, n=1)
    hint = f"did you mean `{close[0]}`? " if close else ""
    return f"unknown context `{context}` ({hint}contexts: {', '.join(contexts)})"


def _unknown_action(action_id: str, known: dict[str, list[BoundKeys]]) -> str:
    context, action = action_id.split(".", 1)
    actions = [known_id.split(".", 1)[1] for known_id in known if known_id.startswith(context + ".")]
    close = difflib.get_close_matches(action, actions, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else f" (actions in {context}: {', '.join(actions)})"
    return f"unknown action `{action_id}`{hint}"
