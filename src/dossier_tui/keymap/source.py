"""One keymap file read with its line numbers: what it extends and what it says about each action.

Read through `yaml.compose` rather than `yaml.safe_load` so every value keeps the line it came
from; every problem is reported as `file:line: message`, all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dossier_tui.corpus.normalise import clean_line, normalise
from dossier_tui.keymap.key_names import KeyNameError, normalize_sequence
from dossier_tui.safe_yaml import YamlProblem, compose

_FIELDS = ("keys", "description")


@dataclass(slots=True, frozen=True)
class Origin:
    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(slots=True, frozen=True)
class Problem:
    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(slots=True, frozen=True)
class BoundKeys:
    """One key or key sequence as a file states it."""

    keys: tuple[str, ...]
    origin: Origin


@dataclass(slots=True)
class StatedAction:
    """What one file says about one action; None where it says nothing (the inherited value stays)."""

    action_id: str
    origin: Origin
    keys: list[BoundKeys] | None = None
    description: str | None = None


@dataclass(slots=True)
class KeymapFile:
    path: Path
    extends: str | None = None
    extends_origin: Origin | None = None
    actions: list[StatedAction] = field(default_factory=list)
    context_origins: dict[str, Origin] = field(default_factory=dict)


def read_keymap_file(path: Path) -> tuple[KeymapFile, list[Problem]]:
    reader = _Reader(path)
    return reader.read(), reader.problems


class _Reader:
    def __init__(self, path: Path) -> None:
        self.file = KeymapFile(path)
        self.problems: list[Problem] = []

    def read(self) -> KeymapFile:
        path = self.file.path
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self._problem(None, "not UTF-8 text")
            return self.file
        except OSError as error:
            self._problem(None, f"cannot read the keymap: {error.strerror or error}")
            return self.file
        try:
            root = compose(text)
        except YamlProblem as error:
            self._problem(error.line, f"YAML syntax error: {error.message}")
            return self.file
        if root is None or _is_null(root):
            return self.file
        if not isinstance(root, yaml.MappingNode):
            self._problem(_line(root), "expected a mapping of contexts at the top (global:, reader:, ...)")
            return self.file
        seen: dict[str, int] = {}
        for name_node, value in root.value:
            name = self._name(name_node, "a context name", seen)
            if name is None:
                continue
            if name == "extends":
                self._extends(value)
            else:
                self.file.context_origins[name] = Origin(self.file.path, _line(name_node))
                self._context(name, value)
        return self.file

    def _extends(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node) or not node.value.strip():
            self._problem(_line(node), "`extends` takes the name of a preset (default, vim, emacs) or a file path")
            return
        self.file.extends = node.value.strip()
        self.file.extends_origin = Origin(self.file.path, _line(node))

    def _context(self, context: str, node: yaml.Node) -> None:
        if _is_null(node):
            return
        if not isinstance(node, yaml.MappingNode):
            self._problem(_line(node), f"`{context}` should map actions to keys, e.g. `quit: {{keys: [q]}}`")
            return
        seen: dict[str, int] = {}
        for name_node, value in node.value:
            action = self._name(name_node, "an action name", seen)
            if action is None:
                continue
            stated = StatedAction(f"{context}.{action}", Origin(self.file.path, _line(name_node)))
            if isinstance(value, yaml.MappingNode):
                self._fields(stated, value)
            else:
                stated.keys = self._keys(stated.action_id, value)
            self.file.actions.append(stated)

    def _fields(self, stated: StatedAction, node: yaml.MappingNode) -> None:
        seen: dict[str, int] = {}
        for name_node, value in node.value:
            name = self._name(name_node, "a field name", seen)
            if name == "keys":
                stated.keys = self._keys(stated.action_id, value)
            elif name == "description":
                if isinstance(value, yaml.ScalarNode) and not _is_null(value) and value.value.strip():
                    # A description is shown in the help and `dossier keys`: no escapes from "\\e".
                    stated.description = clean_line(normalise(value.value).replace("\n", " "))
                else:
                    self._problem(_line(value), f"{stated.action_id}: `description` should be a short text")
            elif name is not None:
                self._problem(_line(name_node), f"{stated.action_id}: unknown field `{name}` (fields: keys, description)")

    def _keys(self, action_id: str, node: yaml.Node) -> list[BoundKeys] | None:
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            items = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
        else:
            self._problem(_line(node), f"{action_id}: keys should be a list such as [j, down] (a sequence is 'g g')")
            return None
        if not items:
            self._problem(_line(node), f"{action_id}: no keys; every action keeps at least one (bind it to another key instead)")
            return None
        bound: list[BoundKeys] = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                self._problem(_line(item), f"{action_id}: a key should be a name such as j, ctrl+d or 'g g', not a {_kind(item)}")
                continue
            try:
                keys = normalize_sequence(item.value)
            except KeyNameError as error:
                self._problem(_line(item), f"{action_id}: {error}")
                continue
            if all(keys != earlier.keys for earlier in bound):
                bound.append(BoundKeys(keys, Origin(self.file.path, _line(item))))
        return bound or None

    def _name(self, node: yaml.Node, what: str, seen: dict[str, int]) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or not node.value:
            self._problem(_line(node), f"{what} should be a plain word")
            return None
        name = node.value
        if name in seen:
            self._problem(_line(node), f"`{name}` appears twice (first at line {seen[name]})")
            return None
        seen[name] = _line(node)
        return name

    def _problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(Origin(self.file.path, line), message))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.value in ("", "null", "Null", "NULL")


def _kind(node: yaml.Node) -> str:
    return "mapping" if isinstance(node, yaml.MappingNode) else "list"
