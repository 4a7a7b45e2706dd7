"""List the dossier's articles: title, outlet, date."""

from __future__ import annotations

import argparse
import sys

from dossier_tui.cli.common import add_dossier_arguments, open_dossier, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)


def run(args: argparse.Namespace) -> int:
    dossier = open_dossier(args)
    if args.json:
        from dossier_tui.annotations import AnnotationStore

        store = AnnotationStore(dossier.root)
        if store.problem:
            sys.stderr.write(f"warning: {store.problem}\n")
        print_json([article.to_json() | {"read": store.is_read(article.id), "flags": sorted(store.flags(article.id))} for article in dossier.articles])
    else:
        from rich.console import Console
        from rich.table import Table

        # One row per article whatever the width: id, outlet and date keep their room, the
        # title gets the rest and is cut with "…" (else Rich squeezes whole columns out at 80).
        console = Console(soft_wrap=False)
        articles = dossier.articles
        id_width = min(28, max([2, *(len(a.id) for a in articles)]))
        source_width = min(16, max([6, *(len(a.source or "") for a in articles)]))
        title_width = max(12, console.width - id_width - source_width - 10 - 3 * 2)
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("id", overflow="ellipsis", no_wrap=True, width=id_width)
        table.add_column("title", overflow="ellipsis", no_wrap=True, width=title_width)
        table.add_column("source", overflow="ellipsis", no_wrap=True, width=source_width)
        table.add_column("date", no_wrap=True, width=10)
        for article in articles:
            table.add_row(article.id, article.title, article.source or "", article.date or "")
        console.print(table)
    return 0 if dossier.articles else 1
