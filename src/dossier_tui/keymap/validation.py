"""Checks on the merged keymap that no single file can make: clashes and unreachable sequences.

Textual's `App.set_keymap` silently lets one binding take over another's key, so every key must
lead to exactly one action wherever it can be pressed: within a context, and between `global`
(always active) and each context. A sequence (`g g`) can only run if no prefix of it (`g`) is
bound on its own, since the prefix would fire first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dossier_tui.keymap.source import BoundKeys, Origin, Problem

GLOBAL = "global"
# The search bar is a text box: printable keys are typed into it, and sequences cannot work there.
TYPING_CONTEXTS = ("search",)
# Textual binds ctrl+q to quit ahead of every other binding.
TEXTUAL_QUIT = ("ctrl+q",)


def check_clashes(
    bound: Mapping[str, list[BoundKeys]], contexts: list[str], rank: Callable[[Origin], tuple[int, int]]
) -> list[Problem]:
    """Problems in `bound` (action id -> keys), each reported where the later of the two keys was written."""
    by_context: dict[str, list[tuple[BoundKeys, str]]] = {context: [] for context in contexts}
    for action_id, keys in bound.items():
        by_context[action_id.split(".", 1)[0]].extend((entry, action_id) for entry in keys)
    problems: dict[str, Problem] = {}
    for action_id, keys in bound.items():
        for entry in keys:
            problem = _unusable(action_id, entry)
            if problem is not None:
                problems.setdefault(str(problem), problem)
    for context in contexts:
        scope = by_context[GLOBAL] + (by_context[context] if context != GLOBAL else [])
        scope.sort(key=lambda item: rank(item[0].origin))
        owner: dict[tuple[str, ...], tuple[BoundKeys, str]] = {}
        for entry, action_id in scope:
            if entry.keys in owner and owner[entry.keys][1] != action_id:
                first, first_action = owner[entry.keys]
                problem = Problem(
                    entry.origin,
                    f"{action_id}: {_show(entry.keys)} is already bound to {first_action} ({first.origin})",
                )
                problems.setdefault(str(problem), problem)
            owner.setdefault(entry.keys, (entry, action_id))
        for entry, action_id in scope:
            for length in range(1, len(entry.keys)):
                if (prefix := owner.get(entry.keys[:length])) is None:
                    continue
                problem = _prefix_problem(entry, action_id, *prefix, rank)
                problems.setdefault(str(problem), problem)
    return list(problems.values())


def _unusable(action_id: str, entry: BoundKeys) -> Problem | None:
    context = action_id.split(".", 1)[0]
    if context in TYPING_CONTEXTS and (len(entry.keys) > 1 or _is_text(entry.keys[0])):
        what = "a sequence" if len(entry.keys) > 1 else "a key that types text"
        return Problem(entry.origin, f"{action_id}: {_show(entry.keys)} is {what}; in the search bar use a named key or ctrl/alt")
    if entry.keys[0] in TEXTUAL_QUIT and action_id != "global.quit":
        return Problem(entry.origin, f"{action_id}: {_show(entry.keys)} always quits (Textual binds it first)")
    return None


def _is_text(key: str) -> bool:
    return len(key) == 1 or key in ("space", "shift+space")


def _prefix_problem(
    sequence: BoundKeys, action_id: str, prefix: BoundKeys, prefix_action: str, rank: Callable[[Origin], tuple[int, int]]
) -> Problem:
    if rank(sequence.origin) >= rank(prefix.origin):
        return Problem(
            sequence.origin,
            f"{action_id}: {_show(sequence.keys)} can never run: {_show(prefix.keys)} alone already runs"
            f" {prefix_action} ({prefix.origin})",
        )
    return Problem(
        prefix.origin,
        f"{prefix_action}: {_show(prefix.keys)} starts the sequence {_show(sequence.keys)} of {action_id}"
        f" ({sequence.origin}); a key that starts a sequence cannot also be bound alone",
    )


def _show(keys: tuple[str, ...]) -> str:
    return "`" + " ".join(keys) + "`"
