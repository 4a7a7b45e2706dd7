"""Open the reader. Until the reader lands, print the article list."""

from __future__ import annotations

import argparse

from dossier_tui.cli import list_cmd


def run(args: argparse.Namespace) -> int:
    return list_cmd.run(argparse.Namespace(dossier=args.path, json=False))
