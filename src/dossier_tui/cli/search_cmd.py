"""Search the dossier: ranked articles with a snippet and the offsets of the matched words."""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments, published
from dossier_tui.model import DossierError

if TYPE_CHECKING:  # Rich is imported only when a bar is shown
    from rich.progress import Progress, TaskID

# A progress bar only when opening takes long enough to wonder about.
PROGRESS_AFTER_S = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)
    parser.add_argument("query", nargs="*", metavar="QUERY", help='words, "phrases", AND/OR/NOT, -word, title: source: date: person: ...')
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N articles (default 20)")


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise DossierError("--limit must be at least 1")
    if not args.query:
        raise DossierError("search: give a QUERY (words, \"phrases\", -word, date:2023, ...)")
    backend = published(args)
    if backend is not None:
        return _show(backend.search(" ".join(args.query), limit=args.limit), backend, args.json)
    from dossier_tui.pipeline import Workspace

    workspace = Workspace(args.dossier, follow_links=args.follow_links, on_notice=output.notice)
    if workspace.open_warm():  # nothing changed since the index was built: no loading
        warnings: list = workspace.warm_warnings
    else:
        with _StderrProgress() as progress:
            for stage in ("load", "analyze", "index"):
                getattr(workspace, stage)(progress)
        warnings = workspace.load().warnings
    for warning in warnings:
        output.warn(warning)
    for notice in workspace.notices:
        output.notice(notice)
    return _show(workspace.search(" ".join(args.query), limit=args.limit), workspace, args.json)


def _show(result, articles, as_json: bool) -> int:
    """Print the hits; ARTICLES answers `.article(id)` (a workspace or a backend)."""
    if result.notice:
        output.notice(result.notice)
    if as_json:
        output.json_out([hit.to_json() for hit in result.hits])
    else:
        _print_hits(result, articles)
    return 0 if result.hits else 1


def _print_hits(result, workspace) -> None:
    from dossier_tui.provenance import display_source

    for hit in result.hits:
        article = workspace.article(hit.article_id)
        source = display_source(article) if article is not None else hit.source
        meta = " · ".join(part for part in (source, hit.date) if part)
        output.line((hit.title, "bold"), "  ", (hit.article_id, "dim"))
        if meta:
            output.line("  ", (meta, "dim"))
        output.show(output.text("  ", hit.snippet), soft_wrap=True)
    if len(result.hits) < result.total:
        output.line((f"{len(result.hits)} of about {result.total} articles", "dim"))


class _StderrProgress:
    """A Rich progress bar on stderr, shown only once opening has taken PROGRESS_AFTER_S."""

    LABELS = {"load": "loading", "analyze": "analysing", "index": "indexing", "relate": "linking", "rows": "preparing rows"}

    def __enter__(self) -> _StderrProgress:
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < PROGRESS_AFTER_S or not total or done >= total:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(self.LABELS.get(stage, stage), total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
