"""List the dossier's quotations with who said them."""

from __future__ import annotations

import argparse
import sys

from dossier_tui.cli.common import add_dossier_arguments, open_dossier, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--speaker", metavar="NAME", help="only quotes by this person or organisation (any spelling)")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.analysis import analyze

    analysis = analyze(open_dossier(args))
    for warning in analysis.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    quotes = analysis.quotes
    if args.speaker is not None:
        entity = analysis.entity(args.speaker)
        quotes = [q for q in quotes if entity is not None and q.speaker == entity.name]
    if args.json:
        print_json([quote.to_json() for quote in quotes])
    elif quotes:
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, pad_edge=False)
        for column in ("article", "¶", "speaker", "kind", "quote"):
            table.add_column(column, overflow="fold")
        for q in quotes:
            paragraphs = ",".join(str(span.paragraph) for span in q.spans)
            table.add_row(q.article_id, paragraphs, q.speaker or "—", q.kind, q.text)
        Console(soft_wrap=False).print(table)
    return 0 if quotes else 1
