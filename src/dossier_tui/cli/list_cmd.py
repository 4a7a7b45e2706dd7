"""List the dossier's articles: title, outlet, date."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_dossier_arguments, open_dossier
from dossier_tui.provenance import display_source


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)


def run(args: argparse.Namespace) -> int:
    dossier = open_dossier(args)
    if args.json:
        from dossier_tui.annotations import AnnotationStore
        from dossier_tui.annotations.anchoring import follow_renamed

        store = AnnotationStore(dossier.root)
        follow_renamed(store, dossier)
        if store.problem:
            output.warn(store.problem)
        output.json_out([article.to_json() | {"read": store.is_read(article.id), "flags": sorted(store.flags(article.id))} for article in dossier.articles])
    else:
        from rich.cells import cell_len

        # One row per article whatever the width: id, outlet and date keep their room, the
        # title gets the rest and is cut with "…" (else Rich squeezes whole columns out at 80).
        articles = dossier.articles
        sources = [display_source(a) or "" for a in articles]
        id_width = min(28, max([2, *(cell_len(a.id) for a in articles)]))
        source_width = min(16, max([6, *(cell_len(s) for s in sources)]))
        title_width = max(12, output.console().width - id_width - source_width - 10 - 3 * 2)
        widths = {"id": id_width, "title": title_width, "source": source_width, "date": 10}
        rows = ((a.id, a.title, source, a.date or "") for a, source in zip(articles, sources, strict=True))
        options = {name: {"overflow": "ellipsis", "no_wrap": True, "width": width} for name, width in widths.items()}
        output.show(output.table(widths, rows, options))
    return 0 if dossier.articles else 1
