"""Arguments and output shared by every subcommand."""

from __future__ import annotations

import argparse
from pathlib import Path

from dossier_tui.cli import output

from dossier_tui.corpus import load_dossier
from dossier_tui.locations import builtin_dossier
from dossier_tui.model import Dossier


def add_dossier_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-d", "--dossier", metavar="PATH", help="dossier folder or file (default: the built-in dossier)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def open_dossier(args: argparse.Namespace) -> Dossier:
    dossier = load_dossier(Path(args.dossier) if args.dossier else builtin_dossier())
    for warning in dossier.warnings:
        output.warn(warning)
    return dossier
