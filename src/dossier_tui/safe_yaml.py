"""YAML from files we did not write (front matter, aliases.yaml, keymaps), read with bounds.

PyYAML's safe loader still trusts its input in three ways that broke whole commands: nesting is
composed recursively (5,000 levels: RecursionError), aliases are expanded by whoever walks the
result (a 371-byte "billion laughs" took 90 s), and implicit dates are built as `datetime.date`
(`date: 2023-02-30`: ValueError). Here nesting is capped, aliases are refused (no settings file
needs them), timestamps stay text (dates.py reads them), and every failure is one `YamlProblem`
with the line it happened on.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlProblem(Exception):
    """Why the text is not usable YAML, and the 1-based line where that was found (None: unknown)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed here", self.peek_event().start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Dates stay the text they were written as: one bad day must not fail the whole file.
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: _BoundedLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_BoundedLoader.add_constructor(_TIMESTAMP, _timestamp_as_text)


def compose(text: str) -> yaml.Node | None:
    """The node tree of TEXT (each node knows its line), or YamlProblem."""
    return _guarded(text, lambda loader: loader.get_single_node())


def load(text: str) -> Any:
    """The plain value of TEXT (dicts, lists, strings, numbers), or YamlProblem."""
    return _guarded(text, lambda loader: loader.get_single_data())


def _guarded(text: str, read: Any) -> Any:
    loader = None
    try:
        loader = _BoundedLoader(text)  # checks every character: a NUL fails here
        return read(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlProblem(error.problem or error.context or "not valid YAML", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as error:
        # A NUL or other forbidden character: PyYAML gives a byte position, not a line.
        line = text.count("\n", 0, error.position) + 1
        raise YamlProblem(f"character {error.character!r} is not allowed in YAML", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error).splitlines()[0], None) from None
    except (ValueError, IndexError, TypeError, OverflowError) as error:
        # PyYAML's constructors on values they cannot build: `!!int` of 5,000 digits (ValueError),
        # an empty `!!int` (IndexError, found by tests/test_fuzz.py).
        raise YamlProblem(f"value cannot be read ({type(error).__name__})", None) from None
    finally:
        if loader is not None:
            loader.dispose()
