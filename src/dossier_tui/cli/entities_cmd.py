"""List the dossier's people, places, organisations and groups, with their aliases."""

from __future__ import annotations

import argparse

from dossier_tui import json_text, stored_result
from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments, open_workspace, print_table, published

TYPES = ("person", "place", "org", "group")
COLUMNS = ("name", "type", "count", "articles", "aliases")
OPTIONS = {c: {"overflow": "fold", "justify": "right" if c in ("count", "articles") else "left"} for c in COLUMNS}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)
    parser.add_argument("--type", choices=TYPES, help="only entities of this type")


def run(args: argparse.Namespace) -> int:
    backend = published(args)
    workspace = None
    if backend is not None:
        warnings: list[str] = []
        rows = _rows(backend.entities())
    else:
        workspace = open_workspace(args)
        warnings, rows = stored_result.result(workspace, "entities", "cli/entities_cmd.py", _entity_rows)
    for warning in warnings:
        output.warn(warning)
    rows = [row for row in rows if args.type is None or row[0] == args.type.upper()]
    if args.json:
        output.json_items([row[1] for row in rows])
    elif rows:
        print_table(workspace if args.type is None else None, "entities", COLUMNS, [row[2] for row in rows], OPTIONS)
    return 0 if rows else 1


def _entity_rows(dossier) -> tuple[list[str], list[tuple[str, str, tuple[str, str, str, str, str]]]]:
    """The analysis warnings, and per entity (type, its JSON item, its table cells)."""
    from dossier_tui.analysis import analyze

    analysis = analyze(dossier)
    return analysis.warnings, _rows(analysis.entities)


def _rows(entities) -> list[tuple[str, str, tuple[str, str, str, str, str]]]:
    return [
        (str(e.type), json_text.item(e.to_json()), (e.name, str(e.type), str(e.count), str(len(e.articles)), ", ".join(a for a in e.aliases if a != e.name)))
        for e in entities
    ]
