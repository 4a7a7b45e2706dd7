"""List the dossier's people, places, organisations and groups, with their aliases."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_dossier_arguments, open_dossier

TYPES = ("person", "place", "org", "group")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--type", choices=TYPES, help="only entities of this type")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.analysis import analyze

    analysis = analyze(open_dossier(args))
    for warning in analysis.warnings:
        output.warn(warning)
    entities = [e for e in analysis.entities if args.type is None or e.type == args.type.upper()]
    if args.json:
        output.json_out([entity.to_json() for entity in entities])
    elif entities:
        columns = ("name", "type", "count", "articles", "aliases")
        rows = (
            (e.name, str(e.type), str(e.count), str(len(e.articles)), ", ".join(a for a in e.aliases if a != e.name))
            for e in entities
        )
        options = {c: {"overflow": "fold", "justify": "right" if c in ("count", "articles") else "left"} for c in columns}
        output.show(output.table(columns, rows, options))
    return 0 if entities else 1
