"""List the dossier's articles: title, outlet, date."""

from __future__ import annotations

import argparse
from pathlib import Path

from dossier_tui import json_text, stored_result
from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments, open_workspace, published
from dossier_tui.provenance import display_source


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)


def run(args: argparse.Namespace) -> int:
    backend = published(args)
    if backend is not None:
        return _published(backend, args.json)
    workspace = open_workspace(args)
    # Unchanged since the last load: the stored listing, no file read.
    articles = workspace.warm_listing()
    if articles is None:
        dossier = workspace.load()
        articles, warnings = dossier.articles, dossier.warnings
    else:
        warnings = workspace.snapshot.warnings if workspace.snapshot is not None else []
    for warning in warnings:
        output.warn(warning)
    if args.json:
        _print_json(workspace)
    else:
        _table([(a.id, a.title, display_source(a) or "", a.date or "") for a in articles])
    return 0 if articles else 1


def _published(backend, as_json: bool) -> int:
    """A published dossier's list: its rows, or every article with the role's read state and flags."""
    if as_json:
        annotations = backend.annotations()
        articles = backend.articles()
        output.json_out([a.to_json() | {"read": annotations.is_read(a.id), "flags": sorted(annotations.flags(a.id))} for a in articles])
        return 0 if articles else 1
    rows = [(s.id, s.title, s.source or "", s.date or "") for s in backend.summaries()]
    _table(rows)
    return 0 if rows else 1


def _table(rows: list[tuple[str, str, str, str]]) -> None:
    """(id, title, source, date) rows, one line each."""
    from dossier_tui.cli.text_table import cell_len

    # One row per article whatever the width: id, outlet and date keep their room, the
    # title gets the rest and is cut with "…" (else whole columns are squeezed out at 80).
    id_width = min(28, max([2, *(cell_len(r[0]) for r in rows)]))
    source_width = min(16, max([6, *(cell_len(r[2]) for r in rows)]))
    title_width = max(12, output.width() - id_width - source_width - 10 - 3 * 2)
    widths = {"id": id_width, "title": title_width, "source": source_width, "date": 10}
    output.table(list(widths), rows, {name: {"overflow": "ellipsis", "no_wrap": True, "width": width} for name, width in widths.items()})


def _print_json(workspace) -> None:
    """Every article whole, with its read state and flags (the articles' JSON is stored: only the
    state is added to it)."""
    from dossier_tui.annotations import AnnotationStore
    from dossier_tui.annotations.anchoring import follow_renamed

    _, items = stored_result.result(workspace, "list", "cli/list_cmd.py", lambda dossier: ([], [(a.id, json_text.item(a.to_json())) for a in dossier.articles]))
    store = AnnotationStore(Path(workspace.path).expanduser().resolve())
    ids = {article_id for article_id, _ in items}
    if any(state.digest and article_id not in ids for article_id, state in store.states.items()):
        follow_renamed(store, workspace.load())  # state kept under an id that is gone: a renamed file?
    if store.problem:
        output.warn(store.problem)
    output.json_items([json_text.merged(item, {"read": store.is_read(article_id), "flags": sorted(store.flags(article_id))}) for article_id, item in items])
