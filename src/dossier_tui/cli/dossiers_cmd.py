"""List the dossiers published in a PostgreSQL database that you can read, with their counts."""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_database_argument, database
from dossier_tui.model import DossierError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.backends.postgres.backend import published

    url = database(args)
    if url is None:
        raise DossierError("dossiers: give the database with --db URL (or DOSSIER_DB)")
    found = published(url)
    if args.json:
        output.json_out([info.to_json() for info in found])
    elif found:
        columns = ("name", "articles", "entities", "quotes", "version", "published")
        rows = ((i.name, f"{i.articles:,}", f"{i.entities:,}", f"{i.quotes:,}", str(i.version), (i.published or "")[:19]) for i in found)
        options = {c: {"justify": "right" if c in ("articles", "entities", "quotes", "version") else "left"} for c in columns}
        output.table(columns, rows, options)
    return 0 if found else 1
