"""Two articles aligned passage by passage: shared text, reworded, only in A, only in B.

JSON: {"a", "b", "rows": [{"kind": "shared"|"reworded"|"only_a"|"only_b", "score",
"a": {"paragraphs", "shared": [{"paragraph", "start", "end"}], "text"}, "b": {...}}]}.
"""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments
from dossier_tui.cli.related_cmd import open_related
from dossier_tui.provenance import display_source

LABELS = {"shared": "shared", "reworded": "reworded", "only_a": "only in A", "only_b": "only in B"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)
    parser.add_argument("a", metavar="ID_A", help="an article id as shown by `dossier list`")
    parser.add_argument("b", metavar="ID_B", help="another article id")


def run(args: argparse.Namespace) -> int:
    backend = open_related(args, args.a, args.b)
    alignment = backend.compare(args.a, args.b)
    a, b = backend.article(args.a), backend.article(args.b)
    assert a is not None and b is not None  # compare raised for an unknown id

    def text(article, paragraphs: list[int]) -> str:
        wanted = set(paragraphs)
        return "\n\n".join(p.text for p in article.paragraphs if p.index in wanted)

    if args.json:
        data = alignment.to_json()
        for row, out in zip(alignment.rows, data["rows"]):
            out["a"]["text"] = text(a, row.a_paragraphs)
            out["b"]["text"] = text(b, row.b_paragraphs)
        output.json_out(data)
    else:
        output.lines([f"{label}: {article.id} · " + " · ".join(p for p in (display_source(article), article.title) if p) for label, article in (("A", a), ("B", b))])
        for row in alignment.rows:
            a_side = ",".join(f"¶{p}" for p in row.a_paragraphs) or "-"
            b_side = ",".join(f"¶{p}" for p in row.b_paragraphs) or "-"
            score = f" {row.score:.2f}" if row.kind in ("shared", "reworded") else ""
            output.lines([f"  {LABELS[row.kind]:<10}{score:>5}  A {a_side:<12} B {b_side}"])
    return 0 if any(row.kind in ("shared", "reworded") for row in alignment.rows) else 1
