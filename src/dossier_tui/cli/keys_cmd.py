"""Print the keys in force: the effective keymap per context (--keymap to try another one)."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.keymap import CONTEXT_TITLES, KeymapError, load_keymap, preset_names

EXIT_OK, EXIT_USAGE = 0, 2
README_PRESETS = ("default", "vim", "emacs")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keymap", metavar="NAME|PATH", help="a preset (default, vim, emacs) or a keymap file (default: your keymap.yaml)"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON for scripts")
    output.add_argument(
        "--markdown", action="store_true", help="print the README's action table (every action, keys in each preset)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        if args.markdown:
            output.lines(action_table_markdown().splitlines())
            return EXIT_OK
        keymap = load_keymap(args.keymap)
    except KeymapError as error:
        for line in error.problems:
            output.problem(line)
        return EXIT_USAGE
    if args.json:
        output.json_out(keymap.to_json())
        return EXIT_OK
    out = [f"keymap: {keymap.name}  ({' + '.join(str(path) for path in keymap.files)})"]
    for context in keymap.contexts():
        out.append("")
        out.append(f"{CONTEXT_TITLES.get(context, context)} ({context})")
        bindings = keymap.bindings(context)
        keys = [", ".join(binding.keys) for binding in bindings]
        width = max(map(len, keys))
        out += [f"  {shown:<{width}}  {b.description}  [{b.action_id}]" for shown, b in zip(keys, bindings)]
    output.lines(out)
    return EXIT_OK


def action_table_markdown() -> str:
    """The action table of README.md: generated here so it cannot drift (tests/test_keymap_cli.py)."""
    presets = [name for name in README_PRESETS if name in preset_names()]
    keymaps = [load_keymap(name) for name in presets]
    rows = ["| Action id | Description | " + " | ".join(presets) + " |", "|---|---|" + "---|" * len(presets)]
    for binding in keymaps[0].bindings():
        cells = [_keys_cell(keymap.keys_for(binding.action_id)) for keymap in keymaps]
        rows.append(f"| `{binding.action_id}` | {binding.description} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def _keys_cell(keys: list[str]) -> str:
    return " ".join(f"`{key}`".replace("|", "\\|") for key in keys)
