"""A dossier's annotations placed in its current text, with its flags and read state: what the
reader shows and changes (the CLI goes to the store and anchoring directly).

Built off the UI thread (reading the store and placing every annotation), then each change is one
store write and an update of the per-article index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from dossier_tui.annotations.anchoring import ArticleText, Placed, follow_renamed, make_target, place, place_all
from dossier_tui.annotations.editing import new_annotation
from dossier_tui.annotations.records import Annotation, State, check_label, check_note, clean_tags
from dossier_tui.annotations.store import AnnotationStore, Keeper
from dossier_tui.model import Dossier


class DossierAnnotations:
    def __init__(self, dossier: Dossier, store: Keeper | None = None) -> None:
        """STORE: where the annotations are kept; default the local dossier's own log. (A
        published dossier's is SharedAnnotationStore, same surface, on its database server.)"""
        self.dossier = dossier
        if store is None:
            local = AnnotationStore(dossier.root)
            follow_renamed(local, dossier)
            store = local
        self.store: Keeper = store
        self.placed: dict[str, Placed] = {}
        self._by_article: dict[str, list[Placed]] = {}
        self._place()

    def _place(self) -> None:
        self.placed = {p.id: p for p in place_all(self.store.notes.values(), self.dossier)}
        self._index()

    def _index(self) -> None:
        by_article: dict[str, list[Placed]] = {}
        for p in self.placed.values():
            by_article.setdefault(p.article, []).append(p)
        for group in by_article.values():
            group.sort(key=lambda p: (p.state == State.ORPHANED, p.paragraph, p.start))
        self._by_article = by_article

    def reload(self) -> bool:
        """Take in what other processes wrote; True when anything changed."""
        if not self.store.reload():
            return False
        self._place()
        return True

    @property
    def problem(self) -> str | None:
        return self.store.problem

    # -- queries -------------------------------------------------------------------------------

    def for_article(self, article_id: str) -> list[Placed]:
        return self._by_article.get(article_id, [])

    def count(self, article_id: str) -> int:
        return len(self._by_article.get(article_id, ()))

    def all(self) -> list[Placed]:
        order = {a.id: n for n, a in enumerate(self.dossier.articles)}
        return sorted(self.placed.values(), key=lambda p: (order.get(p.article, len(order)), p.article, p.paragraph, p.start))

    def is_read(self, article_id: str) -> bool:
        return self.store.is_read(article_id)

    def flags(self, article_id: str) -> set[str]:
        return self.store.flags(article_id)

    def all_flags(self) -> list[str]:
        return sorted({f for state in self.store.states.values() for f in state.flags}, key=str.casefold)

    def unread(self, article_ids: Iterable[str]) -> int:
        return sum(not self.store.is_read(a) for a in article_ids)

    def flagged(self, article_ids: Iterable[str]) -> int:
        return sum(bool(self.store.flags(a)) for a in article_ids)

    # -- changes (each raises AnnotationStoreError when the store cannot take it) ---------------

    def add(self, article_id: str, paragraph: int, start: int = 0, end_paragraph: int | None = None, end: int | None = None, *,
            note: str = "", tags=(), label: str = "highlight", private: bool = False) -> Placed:
        """PRIVATE: readable by its author only (a shared dossier's; its server enforces it)."""
        article = self.dossier.get(article_id)
        if article is None:
            raise ValueError(f"no article {article_id!r}")
        text = ArticleText(article)
        annotation = new_annotation(article, paragraph, start, end_paragraph, end, note=note, tags=tags, label=label, text=text)
        annotation = self.store.put(replace(annotation, private=private) if private else annotation)
        return self._placed(place(annotation, text))

    def update(self, note_id: str, *, note: str | None = None, tags=None, label: str | None = None,
               private: bool | None = None) -> Placed:
        old = self.placed[note_id]
        changes: dict[str, object] = {}
        if private is not None:
            changes["private"] = private
        if note is not None:
            changes["note"] = check_note(note)
        if tags is not None:
            changes["tags"] = clean_tags(tags)
        if label is not None:
            changes["label"] = check_label(label)
        annotation: Annotation = self.store.put(old.annotation.edited(**changes))
        return self._placed(Placed(annotation, old.article, old.state, old.paragraph, old.start, old.end_paragraph, old.end))

    def reattach(self, note_id: str, article_id: str, paragraph: int, start: int = 0, end_paragraph: int | None = None, end: int | None = None) -> Placed:
        """Point an annotation (an orphaned one, typically) at another passage; its note, tags and
        label stay."""
        article = self.dossier.get(article_id)
        if article is None:
            raise ValueError(f"no article {article_id!r}")
        text = ArticleText(article)
        annotation = self.store.put(self.placed[note_id].annotation.edited(target=make_target(text, paragraph, start, end_paragraph, end)))
        return self._placed(place(annotation, text))

    def delete(self, note_id: str) -> None:
        self.store.delete(note_id)
        self.placed.pop(note_id, None)
        self._index()

    def set_read(self, article_ids: Iterable[str], read: bool = True) -> int:
        article_ids = [a for a in dict.fromkeys(article_ids) if self.store.is_read(a) != read]
        return self.store.set_read(article_ids, read, {a: self._digest(a) for a in article_ids})

    def toggle_flag(self, article_id: str, flag: str) -> bool:
        """Set the flag, or clear it when set; returns whether it is now set."""
        on = flag.strip() not in self.flags(article_id)
        self.store.set_flag(article_id, flag, on, self._digest(article_id))
        return on

    def _digest(self, article_id: str) -> str:
        article = self.dossier.get(article_id)
        return ArticleText(article).digest if article is not None else ""

    def _placed(self, placed: Placed) -> Placed:
        self.placed[placed.id] = placed
        self._index()
        return placed
