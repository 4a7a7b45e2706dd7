"""List the dossier's annotations, found again in the files as they are now.

JSON: a list of {"id", "article", "paragraph", "start", "end_paragraph", "end", "quote", "note",
"tags", "label", "state": "anchored"|"moved"|"orphaned", "created", "updated"}; positions are null
for an orphaned annotation (its passage is no longer in the article).
"""

from __future__ import annotations

import argparse

from dossier_tui.annotations import State
from dossier_tui.annotations.anchoring import placed_json
from dossier_tui.cli import output
from dossier_tui.cli.annotation_common import open_annotations, short
from dossier_tui.cli.common import add_dossier_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("--article", metavar="ID", help="only the annotations of this article")
    parser.add_argument("--tag", metavar="T", action="append", default=[], help="only annotations with this tag (repeat: any of them)")


def run(args: argparse.Namespace) -> int:
    _, store, placed = open_annotations(args)
    if args.article is not None:
        placed = [p for p in placed if p.article == args.article or p.annotation.target.article == args.article]
    if args.tag:
        wanted = set(args.tag)
        placed = [p for p in placed if wanted & set(p.annotation.tags)]
    if args.json:
        output.json_out([placed_json(p) for p in placed])
        return 0 if placed else 1
    out = []
    for p in placed:
        a = p.annotation
        where = "—" if p.state == State.ORPHANED else f"¶{p.paragraph}:{p.start}-" + (f"¶{p.end_paragraph}:" if p.end_paragraph != p.paragraph else "") + str(p.end)
        tags = " ".join(f"#{t}" for t in a.tags)
        out.append("  ".join(part for part in (a.id, p.article, where, str(p.state), f"[{a.label}]", tags) if part))
        out.append(f"    “{short(a.target.quote, 200)}”")
        out += [f"    {line}" for line in a.note.splitlines()]
    output.lines(out)
    return 0 if placed else 1
