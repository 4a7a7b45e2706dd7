"""Arguments and output shared by every subcommand."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
        sys.stderr.write(f"warning: {warning}\n")
    return dossier


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
