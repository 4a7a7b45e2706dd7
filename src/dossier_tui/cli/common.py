"""Arguments and output shared by every subcommand."""

from __future__ import annotations

import argparse
from pathlib import Path

from dossier_tui.cli import output

from dossier_tui.corpus import load_dossier
from dossier_tui.locations import builtin_dossier
from dossier_tui.model import Dossier


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


def open_dossier(args: argparse.Namespace) -> Dossier:
    dossier = load_dossier(Path(args.dossier) if args.dossier else builtin_dossier(), follow_links=args.follow_links)
    for warning in dossier.warnings:
        output.warn(warning)
    return dossier
