"""What the annotation commands share: the dossier, its store, the annotations placed in it."""

from __future__ import annotations

import argparse

from dossier_tui.annotations import AnnotationStore, place_all
from dossier_tui.annotations.anchoring import follow_renamed
from dossier_tui.cli import output
from dossier_tui.cli.common import open_dossier
from dossier_tui.model import Article, Dossier, DossierError


def open_store(args: argparse.Namespace, dossier: Dossier) -> AnnotationStore:
    store = AnnotationStore(dossier.root)
    follow_renamed(store, dossier)
    if store.problem:
        output.warn(f"{store.problem} (annotations are read-only until it is fixed)")
    return store


def saved(store: AnnotationStore) -> None:
    """After a change: say where it went when that is not the dossier folder (read-only)."""
    if store.elsewhere:
        output.notice(store.elsewhere)


def open_annotations(args: argparse.Namespace):
    """(dossier, store, every annotation placed in the dossier, in article then text order)."""
    dossier = open_dossier(args)
    store = open_store(args, dossier)
    placed = place_all(store.notes.values(), dossier)
    order = {a.id: n for n, a in enumerate(dossier.articles)}
    placed.sort(key=lambda p: (order.get(p.article, len(order)), p.article, p.state == "orphaned", p.paragraph, p.start, p.annotation.created))
    return dossier, store, placed


def article_of(dossier: Dossier, article_id: str) -> Article:
    article = dossier.get(article_id)
    if article is None:
        raise DossierError(f"no article with id {article_id!r} (see `dossier list`)")
    return article


def short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

