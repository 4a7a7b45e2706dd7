"""The notes view (`M`): every annotation of the dossier, by article or by tag, filtered as you type;
enter goes to the passage; the ones no longer found in their article are listed apart, to delete
or to re-attach (`R`, then select the passage in the reader)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dossier_tui.annotations import State
from dossier_tui.annotations.dossier_annotations import DossierAnnotations
from dossier_tui.app.grouped_list import GroupedList
from dossier_tui.app.reader_lines import clean

ORPHANED_TITLE = "Not found in the current text (orphaned): R re-attaches, d deletes"
NO_TAG = "(no tag)"


class NoteList(GroupedList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next note", id="notes.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous note", id="notes.cursor_up", show=False),
        Binding("enter", "select", "Go to passage", id="notes.open"),
    ]


class NotesScreen(ModalScreen[tuple[str, int | None, str | None] | None]):
    """Dismissed with (article id, paragraph, None) to go there, (article id, None, note id) to
    re-attach that annotation to a passage of the article, or None."""

    BINDINGS = [
        Binding("f", "filter", "Filter", id="notes.filter"),
        Binding("t", "group", "By tag/article", id="notes.group"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("R", "reattach", "Re-attach", id="notes.reattach"),
        Binding("escape", "close", "Close", id="notes.close"),
    ]

    def __init__(self, annotations: DossierAnnotations) -> None:
        super().__init__()
        self.annotations = annotations
        self.by_tag = False
        self.wanted = ""
        self._deleting: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Input(placeholder="filter: words of the quote, note, tag or title", id="notes-filter")
            yield NoteList(id="notes")
            yield Static("", id="notes-hint", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(NoteList).focus()

    def _fill(self) -> None:
        notes = self.query_one(NoteList)
        notes.clear_options()
        options = self._options()
        notes.add_options(options)
        notes.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        total = len(self.annotations.placed)
        shown = sum(1 for o in options if not o.disabled)
        box = self.query_one("#notes-box")
        box.border_title = f"Notes · {shown:,} of {total:,}" if shown != total else f"Notes · {total:,}"
        box.border_subtitle = "by tag" if self.by_tag else "by article"
        self._hint("enter go to · f filter · t by tag/article · R re-attach · d delete · esc close")

    def _hint(self, text: str) -> None:
        self.query_one("#notes-hint", Static).update(text)

    def _matches(self, placed) -> bool:
        if not self.wanted:
            return True
        a = placed.annotation
        article = self.annotations.dossier.get(placed.article)
        haystack = " ".join([a.target.quote, a.note, " ".join(a.tags), a.label, article.title if article else placed.article]).casefold()
        return all(word in haystack for word in self.wanted.casefold().split())

    def _options(self) -> list[Option]:
        placed = [p for p in self.annotations.all() if self._matches(p)]
        found = [p for p in placed if p.state != State.ORPHANED]
        lost = [p for p in placed if p.state == State.ORPHANED]
        groups: list[tuple[str, list]] = []
        if self.by_tag:
            tags = sorted({t for p in found for t in p.annotation.tags}, key=str.casefold)
            groups = [(f"#{tag}", [p for p in found if tag in p.annotation.tags]) for tag in tags]
            if untagged := [p for p in found if not p.annotation.tags]:
                groups.append((NO_TAG, untagged))
        else:
            by_article: dict[str, list] = {}
            for p in found:
                by_article.setdefault(p.article, []).append(p)
            for article_id, items in by_article.items():
                article = self.annotations.dossier.get(article_id)
                groups.append((article.title if article else article_id, items))
        if lost:
            groups.append((ORPHANED_TITLE, lost))
        options: list[Option] = []
        for title, items in groups:
            options.append(Option(Text(clean(title), style="bold underline"), disabled=True))
            for p in items:
                options.append(Option(self._line(p), id=f"{p.id}\t{len(options)}"))
        if not options:
            options.append(Option(Text("no annotations yet: v in the reading view selects a passage, a annotates a paragraph"
                                       if not self.wanted else "no annotation matches the filter", style="italic"), disabled=True))
        return options

    def _line(self, placed) -> Text:
        a = placed.annotation
        where = "" if placed.state == State.ORPHANED else f"¶{placed.paragraph}  "
        line = Text(where, style="dim")
        line.append(f"[{a.label}]", style="bold")
        if placed.state == State.MOVED:
            line.append(" (moved)", style="italic")
        if a.tags:
            line.append("  " + clean(" ".join(f"#{t}" for t in a.tags)), style="bold")
        if self.by_tag or placed.state == State.ORPHANED:
            article = self.annotations.dossier.get(placed.article)
            line.append("  " + clean(article.title if article else placed.article)[:60], style="dim")
        quote = clean(" ".join(a.target.quote.split()))
        line.append("\n  “" + (quote if len(quote) <= 160 else quote[:159] + "…") + "”", style="italic")
        for text in a.note.strip().splitlines()[:3]:
            line.append("\n  " + clean(text))
        return line

    def _current(self):
        notes = self.query_one(NoteList)
        if notes.highlighted is None:
            return None
        option = notes.get_option_at_index(notes.highlighted)
        return self.annotations.placed.get(option.id.split("\t")[0]) if option.id else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        placed = self._current()
        if placed is None:
            return
        if placed.state == State.ORPHANED:
            article = self.annotations.dossier.get(placed.article)
            self.dismiss((placed.article, None, None) if article else None)
            return
        self.dismiss((placed.article, placed.paragraph, None))

    def action_reattach(self) -> None:
        """To the annotation's article (or the one open) to select the passage it should point at."""
        placed = self._current()
        if placed is not None:
            self.dismiss((placed.article, None if placed.state == State.ORPHANED else placed.paragraph, placed.id))

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.wanted = event.value
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(NoteList).focus()

    def action_group(self) -> None:
        self.by_tag = not self.by_tag
        self._fill()

    def action_delete(self) -> None:
        """d asks, d again deletes: an annotation is the user's work."""
        placed = self._current()
        if placed is None:
            return
        if self._deleting != placed.id:
            self._deleting = placed.id
            self._hint("d again deletes this annotation · any other key keeps it")
            return
        self._deleting = None
        from dossier_tui.annotations import AnnotationStoreError

        try:
            self.annotations.delete(placed.id)
        except AnnotationStoreError as error:
            self.app.notify(str(error), severity="error", timeout=6)
            return
        index = self.query_one(NoteList).highlighted
        self._fill()
        notes = self.query_one(NoteList)
        if index is not None and notes.option_count:
            notes.highlighted = min(index, notes.option_count - 1)

    def on_key(self, event) -> None:
        if self._deleting is not None and event.key not in ("d",):
            self._deleting = None
            self._hint("enter go to · f filter · t by tag/article · R re-attach · d delete · esc close")

    def action_close(self) -> None:
        if self.query_one(Input).has_focus:
            self.query_one(NoteList).focus()
            return
        self.dismiss(None)
