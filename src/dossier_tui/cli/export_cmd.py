"""Export the annotations as a report with citations: md, html, csv, json, or jsonld (W3C Web Annotation).

Written to FILE with -o (an existing file is replaced atomically), else to standard output.
"""

from __future__ import annotations

import argparse

from dossier_tui.annotations.export import FORMATS, GROUPS, export
from dossier_tui.atomic_write import write_atomically
from dossier_tui.cli import output
from dossier_tui.cli.annotation_common import open_annotations
from dossier_tui.cli.common import add_dossier_arguments
from dossier_tui.model import DossierError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, required=True, help="md, html (one self-contained page), csv, json, jsonld")
    parser.add_argument("--tag", metavar="T", action="append", default=[], help="only annotations with this tag (repeat: any of them)")
    parser.add_argument("--group", choices=GROUPS, default="article", help="group by article (default) or by tag")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    dossier, _, placed = open_annotations(args)
    if args.tag:
        wanted = set(args.tag)
        placed = [p for p in placed if wanted & set(p.annotation.tags)]
    report = export(placed, dossier, args.format, args.group)
    if args.output is None:
        output.document(report)
    else:
        try:
            write_atomically(args.output, report.encode("utf-8"))
        except OSError as error:
            raise DossierError(f"{args.output}: cannot write: {(error.strerror or str(error)).lower()}") from None
        output.problem(f"{len(placed)} annotation{'s' * (len(placed) != 1)} written to {args.output}")
    return 0 if placed else 1
