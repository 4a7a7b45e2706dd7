"""List the dossier's quotations with who said them."""

from __future__ import annotations

import argparse

from dossier_tui import json_text, stored_result
from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments, open_workspace, print_table, published

COLUMNS = ("article", "¶", "speaker", "kind", "quote")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)
    parser.add_argument("--speaker", metavar="NAME", help="only quotes by this person or organisation (any spelling)")


def run(args: argparse.Namespace) -> int:
    backend = published(args)
    workspace = None
    if backend is not None:
        rows = _rows(backend.quotes())
        entity_of = backend.entity
    else:
        workspace = local = open_workspace(args)
        warnings, (analysis_key, rows) = stored_result.result(local, "quotes", "cli/quotes_cmd.py", _quote_rows)
        for warning in warnings:
            output.warn(warning)
        entity_of = lambda name: _names(local, analysis_key).entity(name)  # noqa: E731
    if args.speaker is not None:
        entity = entity_of(args.speaker)
        rows = [row for row in rows if entity is not None and row[0] == entity.name]
    if args.json:
        output.json_items([row[1] for row in rows])
    elif rows:
        options = {column: {"overflow": "fold"} for column in COLUMNS}
        print_table(workspace if args.speaker is None else None, "quotes", COLUMNS, [row[2] for row in rows], options)
    return 0 if rows else 1


def _quote_rows(dossier) -> tuple[list[str], tuple[str, list[tuple[str | None, str, tuple[str, str, str, str, str]]]]]:
    """The analysis warnings, and (the analysis key, per quote (speaker, its JSON item, its
    table cells)); the entity names are stored for `--speaker` (`EntityLookup`)."""
    from dossier_tui.analysis import analyze
    from dossier_tui.analysis.cache import DossierAnalysisCache, EntityLookup

    analysis = analyze(dossier)
    key = DossierAnalysisCache(dossier).key
    EntityLookup(dossier.root, key).save(analysis)
    return analysis.warnings, (key, _rows(analysis.quotes))


def _rows(quotes) -> list[tuple[str | None, str, tuple[str, str, str, str, str]]]:
    return [
        (q.speaker, json_text.item(q.to_json()), (q.article_id, ",".join(str(span.paragraph) for span in q.spans), q.speaker or "—", q.kind, q.text))
        for q in quotes
    ]


def _names(workspace, analysis_key: str):
    """What finds an entity by any spelling: the stored names, else the whole analysis."""
    from dossier_tui.analysis.cache import EntityLookup

    names = EntityLookup(workspace.path, analysis_key).load()
    if names is None:
        from dossier_tui.analysis import analyze

        names = analyze(workspace.load())
    return names
