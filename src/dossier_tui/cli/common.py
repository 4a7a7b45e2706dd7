"""Arguments and output shared by every subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier_tui.cli import output

if TYPE_CHECKING:
    from dossier_tui.model import Dossier
    from dossier_tui.pipeline import Workspace


def dossier_path(value: str) -> str:
    """An argparse type: `-d ''` (an unset variable in a script) is an error, not the default dossier."""
    if not value.strip():
        raise argparse.ArgumentTypeError("empty dossier path")
    return value


def add_dossier_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-d", "--dossier", metavar="PATH", type=dossier_path, help="dossier folder or file (default: the built-in dossier)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--follow-links", action="store_true", help="also read symlinks that point outside the dossier")


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The dossier named by -d (else the built-in one), not loaded yet: a command first asks
    `warm()` whether its stored result still holds."""
    from dossier_tui.pipeline import Workspace

    return Workspace(Path(args.dossier) if args.dossier else None, follow_links=args.follow_links)


def open_dossier(args: argparse.Namespace, workspace: Workspace | None = None) -> Dossier:
    """The loaded dossier, its load warnings printed."""
    dossier = (workspace or open_workspace(args)).load()
    for warning in dossier.warnings:
        output.warn(warning)
    return dossier


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="a PostgreSQL connection string or URL (default: DOSSIER_DB; "
                        "libpq's PG* variables, ~/.pgpass and service files apply)")


def database(args: argparse.Namespace) -> str | None:
    """The database to read from (--db, else DOSSIER_DB), or None for a local folder."""
    from dossier_tui.backends.postgres.connection import database_url

    return database_url(getattr(args, "db", None))


def add_read_arguments(parser: argparse.ArgumentParser) -> None:
    """A read command's arguments: a local dossier (-d PATH), or a published one (--db URL -d NAME)."""
    add_dossier_arguments(parser)
    add_database_argument(parser)


def published(args: argparse.Namespace):
    """The published dossier `-d NAME` on `--db` (or DOSSIER_DB), or None to read a local folder."""
    url = database(args)
    if url is None:
        return None
    if not args.dossier:
        from dossier_tui.model import DossierError

        raise DossierError("with --db, name the published dossier with -d NAME (see `dossier dossiers --db ...`)")
    from dossier_tui.backends.postgres.backend import PostgresBackend

    return PostgresBackend(url, args.dossier)


def print_table(workspace: Workspace | None, command: str, columns: Sequence[str], rows: list[Sequence[str]], options: dict[str, dict[str, Any]]) -> None:
    """Print the table of COMMAND's whole stored result (WORKSPACE: see `stored_result.result`)
    as its last run laid it out when the result and the width are the same, else laid out and
    kept; a filtered or published table (no WORKSPACE) is laid out each time."""
    from dossier_tui import stored_result

    def lay_out() -> tuple[list[str], str]:
        return output.table_text(columns, rows, options)

    if workspace is None:
        output.print_table(*lay_out())
    else:
        output.print_table(*stored_result.laid_out(workspace, f"{command}-table", f"cli/{command}_cmd.py", output.width(), lay_out))
