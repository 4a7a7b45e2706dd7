"""List the dossier's quotations with who said them."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_dossier_arguments, open_dossier


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--speaker", metavar="NAME", help="only quotes by this person or organisation (any spelling)")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.analysis import analyze

    analysis = analyze(open_dossier(args))
    for warning in analysis.warnings:
        output.warn(warning)
    quotes = analysis.quotes
    if args.speaker is not None:
        entity = analysis.entity(args.speaker)
        quotes = [q for q in quotes if entity is not None and q.speaker == entity.name]
    if args.json:
        output.json_out([quote.to_json() for quote in quotes])
    elif quotes:
        columns = ("article", "¶", "speaker", "kind", "quote")
        rows = (
            (q.article_id, ",".join(str(span.paragraph) for span in q.spans), q.speaker or "—", q.kind, q.text)
            for q in quotes
        )
        output.show(output.table(columns, rows, {column: {"overflow": "fold"} for column in columns}))
    return 0 if quotes else 1
