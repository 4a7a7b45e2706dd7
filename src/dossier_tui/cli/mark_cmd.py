"""Mark an article read or unread, or set or clear a flag on it ("key source", "dubious", ...)."""

from __future__ import annotations

import argparse

from dossier_tui.annotations import ArticleText
from dossier_tui.cli import output
from dossier_tui.cli.annotation_common import article_of, open_store, saved
from dossier_tui.cli.common import add_dossier_arguments, open_dossier


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dossier_arguments(parser)
    parser.add_argument("article", metavar="ARTICLE_ID", help="an id as shown by `dossier list`")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--read", action="store_true", help="mark it read")
    what.add_argument("--unread", action="store_true", help="mark it unread")
    what.add_argument("--flag", metavar="NAME", help="set a flag")
    what.add_argument("--unflag", metavar="NAME", help="clear a flag")


def run(args: argparse.Namespace) -> int:
    dossier = open_dossier(args)
    article = article_of(dossier, args.article)
    store = open_store(args, dossier)
    digest = ArticleText(article).digest  # recorded so the state follows the file if it is renamed
    if args.read or args.unread:
        store.set_read([article.id], read=args.read, digests={article.id: digest})
    else:
        store.set_flag(article.id, args.flag or args.unflag, on=args.flag is not None, digest=digest)
    saved(store)
    state = {"id": article.id, "read": store.is_read(article.id), "flags": sorted(store.flags(article.id))}
    if args.json:
        output.json_out(state)
    else:
        flags = ", ".join(sorted(store.flags(article.id))) or "no flags"
        output.lines([f"{article.id}: {'read' if state['read'] else 'unread'}, {flags}"])
    return 0
