"""Publish a dossier folder into a PostgreSQL database, for a team to read (only what changed is sent)."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_database_argument, database
from dossier_tui.cli.search_cmd import _StderrProgress
from dossier_tui.model import DossierError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="FOLDER", help="the dossier folder")
    add_database_argument(parser)
    parser.add_argument("--name", metavar="NAME", help="the published name (default: from the folder's name)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--follow-links", action="store_true", help="also read symlinks that point outside the dossier")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.backends.postgres.publish import publish

    url = database(args)
    if url is None:
        raise DossierError("publish: give the database with --db URL (or DOSSIER_DB)")
    with _StderrProgress() as progress:
        report = publish(args.folder, url, args.name, follow_links=args.follow_links, on_progress=progress, on_notice=output.notice)
    if args.json:
        output.json_out(report.to_json())
    elif report.unchanged:
        output.lines([f"{report.name}: up to date (version {report.version}, {report.articles:,} articles)"])
    else:
        output.lines([
            f"{report.name}: published version {report.version} ({report.articles:,} articles: {report.added:,} new, "
            f"{report.changed:,} changed, {report.deleted:,} deleted; {report.rows_written:,} rows written in {report.seconds:.1f} s)"
        ])
    return 0
