"""List the dossier's articles: title, outlet, date."""

from __future__ import annotations

import argparse

from dossier_tui.cli.common import add_dossier_arguments, open_dossier, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)


def run(args: argparse.Namespace) -> int:
    dossier = open_dossier(args)
    if args.json:
        print_json([article.to_json() for article in dossier.articles])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, pad_edge=False)
        for column in ("id", "title", "source", "date"):
            table.add_column(column, overflow="fold")
        for article in dossier.articles:
            table.add_row(article.id, article.title, article.source or "", article.date or "")
        Console(soft_wrap=False).print(table)
    return 0 if dossier.articles else 1
