"""List the dossier's people, places, organisations and groups, with their aliases."""

from __future__ import annotations

import argparse
import sys

from dossier_tui.cli.common import add_dossier_arguments, open_dossier, print_json

TYPES = ("person", "place", "org", "group")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--type", choices=TYPES, help="only entities of this type")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.analysis import analyze

    analysis = analyze(open_dossier(args))
    for warning in analysis.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    entities = [e for e in analysis.entities if args.type is None or e.type == args.type.upper()]
    if args.json:
        print_json([entity.to_json() for entity in entities])
    elif entities:
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, pad_edge=False)
        for column in ("name", "type", "count", "articles", "aliases"):
            table.add_column(column, overflow="fold", justify="right" if column in ("count", "articles") else "left")
        for e in entities:
            others = ", ".join(alias for alias in e.aliases if alias != e.name)
            table.add_row(e.name, str(e.type), str(e.count), str(len(e.articles)), others)
        Console(soft_wrap=False).print(table)
    return 0 if entities else 1
