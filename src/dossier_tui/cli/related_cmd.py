"""Passages of other sources related to an article's paragraphs: the same text, or the same fact.

JSON: with --paragraph, a ranked list of links; without, a list of
{"paragraph", "corroboration", "related": [links]} for every paragraph that has links.
A link is {"id", "paragraph", "score", "kind": "same"|"similar", "text", "title", "source",
"shared": [{"start", "end"}], "own_shared": [{"start", "end"}]}.
"""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.common import add_read_arguments, published
from dossier_tui.model import DossierError

KIND_LABELS = {"same": "same text", "similar": "similar"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_read_arguments(parser)
    parser.add_argument("article", metavar="ARTICLE_ID", help="an id as shown by `dossier list`")
    parser.add_argument("--paragraph", type=int, metavar="N", help="only this paragraph (index as in `dossier list`)")
    parser.add_argument("--limit", type=int, default=10, metavar="K", help="at most K links per paragraph (default 10)")


def open_related(args: argparse.Namespace, *article_ids: str):
    """The dossier's backend with related passages ready: the published dossier of --db, or the
    local folder's, with the stored links when nothing changed (no load), else built (no search
    index needed).

    The ARTICLE_IDS are checked once the articles are known, before the analysis and the links
    (a cold build of thousands of articles): a mistyped id is reported at once.
    """
    backend = published(args)
    if backend is not None:
        return backend
    from dossier_tui.backends.local import LocalBackend
    from dossier_tui.pipeline import Workspace

    workspace = Workspace(args.dossier, follow_links=args.follow_links)
    related = workspace.warm_related()
    if related is None:
        workspace.load()
    for article_id in article_ids:
        if workspace.article(article_id) is None:
            raise DossierError(f"no article with id {article_id!r} (see `dossier list`)")
    if related is None:
        workspace.analyze()
        workspace.relate()
    for warning in workspace.dossier.warnings if workspace.dossier is not None else workspace.warm_warnings:
        output.warn(warning)
    for notice in workspace.notices:
        output.notice(notice)
    return LocalBackend(workspace=workspace)


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise DossierError("--limit must be at least 1")
    backend = open_related(args, args.article)
    article = backend.article(args.article)
    if article is None:
        raise DossierError(f"no article with id {args.article!r} (see `dossier list`)")
    indexes = [p.index for p in article.paragraphs]
    if args.paragraph is not None and args.paragraph not in indexes:
        raise DossierError(f"{args.article} has no paragraph {args.paragraph} (it has 0 to {len(indexes) - 1})")
    if args.paragraph is not None:
        links = backend.related(article.id, args.paragraph, args.limit)
        if args.json:
            output.json_out([link.to_json() for link in links])
        else:
            _print_links(links)
        return 0 if links else 1
    found = []
    for index in indexes:
        links = backend.related(article.id, index, args.limit)
        if links:
            found.append({"paragraph": index, "corroboration": backend.corroboration(article.id, index), "related": links})
    if args.json:
        output.json_out([{**entry, "corroboration": entry["corroboration"].to_json(), "related": [link.to_json() for link in entry["related"]]} for entry in found])
    else:
        for entry in found:
            sources = entry["corroboration"].sources
            carried = f"  (text carried by {len(sources)} other source{'s' * (len(sources) != 1)})" if sources else ""
            output.lines([f"¶{entry['paragraph']}{carried}"])
            _print_links(entry["related"])
    return 0 if found else 1


def _print_links(links) -> None:
    for link in links:
        where = " · ".join(part for part in (link.source, link.title) if part)
        output.lines([
            f"  {KIND_LABELS[link.kind]:<9} {link.score:.2f}  {link.article_id} ¶{link.paragraph}  {where}",
            f"      {_snippet(link.text, link.shared)}",
        ])


def _snippet(text: str, shared: list[tuple[int, int]], width: int = 160) -> str:
    """The text around the first shared range, shared words in [brackets]."""
    start = max(0, (shared[0][0] if shared else 0) - 40)
    end = start + width
    out, position = [], start
    for s, e in shared:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [text[position:s], "[", text[s:e], "]"]
        position = e
    out.append(text[position:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
