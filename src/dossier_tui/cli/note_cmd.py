"""Add an annotation to a passage (`note add`), point one at another passage (`note attach`, for
an orphaned one) or remove one (`note rm`).

`note add ARTICLE_ID --paragraph N [--quote TEXT]`: without --quote the whole paragraph; a quote
that is not in the paragraph is an error (exit 2). --json prints the annotation as `dossier notes
--json` does.
"""

from __future__ import annotations

import argparse

from dossier_tui.annotations import DEFAULT_LABEL, LABELS, ArticleText
from dossier_tui.annotations.anchoring import make_target, place, placed_json
from dossier_tui.annotations.editing import new_annotation, quote_range
from dossier_tui.cli import output
from dossier_tui.cli.annotation_common import article_of, open_store, saved
from dossier_tui.cli.common import add_dossier_arguments, open_dossier
from dossier_tui.model import DossierError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="annotate a paragraph, or a quote in it")
    add_dossier_arguments(add)
    add.add_argument("article", metavar="ARTICLE_ID", help="an id as shown by `dossier list`")
    add.add_argument("--paragraph", type=int, required=True, metavar="N", help="the paragraph (index as in `dossier list --json`)")
    add.add_argument("--quote", metavar="TEXT", help="the passage to annotate, exactly as in the paragraph (default: all of it)")
    add.add_argument("--note", metavar="TEXT", default="", help="the note (Markdown)")
    add.add_argument("--tag", metavar="T", action="append", default=[], help="a tag (repeat for more)")
    add.add_argument("--label", choices=LABELS, default=DEFAULT_LABEL, help=f"one of {', '.join(LABELS)} (default {DEFAULT_LABEL})")
    attach = actions.add_parser("attach", help="point an annotation (an orphaned one) at another passage")
    add_dossier_arguments(attach)
    attach.add_argument("note_id", metavar="NOTE_ID", help="its id, as `dossier notes` shows it (or its first characters)")
    attach.add_argument("article", metavar="ARTICLE_ID", help="an id as shown by `dossier list`")
    attach.add_argument("--paragraph", type=int, required=True, metavar="N", help="the paragraph")
    attach.add_argument("--quote", metavar="TEXT", help="the passage, exactly as in the paragraph (default: all of it)")
    rm = actions.add_parser("rm", help="remove an annotation")
    add_dossier_arguments(rm)
    rm.add_argument("note_id", metavar="NOTE_ID", help="its id, as `dossier notes` shows it (or its first characters)")


def run(args: argparse.Namespace) -> int:
    dossier = open_dossier(args)
    store = open_store(args, dossier)
    if args.action == "rm":
        annotation = store.find(args.note_id)
        store.delete(annotation.id)
        saved(store)
        if args.json:
            output.json_out({"deleted": annotation.id})
        else:
            output.lines([f"deleted {annotation.id}"])
        return 0
    article = article_of(dossier, args.article)
    text = ArticleText(article)
    try:
        start, end = quote_range(article, args.paragraph, args.quote) if args.quote is not None else (0, None)
        if args.action == "attach":
            old = store.find(args.note_id)
            annotation = old.edited(target=make_target(text, args.paragraph, start, args.paragraph, end))
        else:
            annotation = new_annotation(article, args.paragraph, start, args.paragraph, end, note=args.note, tags=args.tag, label=args.label, text=text)
    except ValueError as error:
        raise DossierError(str(error)) from None
    store.put(annotation)
    saved(store)
    if args.json:
        output.json_out(placed_json(place(annotation, text)))
    else:
        output.lines([f"{'attached' if args.action == 'attach' else 'added'} {annotation.id}"])
    return 0

