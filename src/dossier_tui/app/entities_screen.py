"""Entities (`e`): alias clusters by type with counts and sources; enter filters the article list.

The list is line-API rows (grouped_rows), so it opens at once on tens of thousands of entities;
`/` filters it as you type (any spelling). R renames, m merges the entity into the one picked
next, s splits a spelling off; each correction is written to an aliases.yaml (alias_edits) and
the dossier is analysed again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from dossier_tui.analysis.records import Entity
from dossier_tui.app.grouped_rows import Entry, GroupedRows
from dossier_tui.app.list_filter import FilterInput, matching
from dossier_tui.app.reader_lines import clean
from dossier_tui.provenance import UNKNOWN_SOURCE, display_source

TYPE_TITLES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups"}


class EntityRows(GroupedRows):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next entity", id="entities.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous entity", id="entities.cursor_up", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="entities.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="entities.page_up", show=False),
        Binding("g,home", "top", "First entity", id="entities.top", show=False),
        Binding("G,end", "bottom", "Last entity", id="entities.bottom", show=False),
        Binding("enter", "select", "Filter articles", id="entities.filter"),
    ]


class EntitiesScreen(ModalScreen[tuple[str, object] | None]):
    """Dismissed with ("filter", Entity) or (section, entry) for aliases.yaml, or None."""

    BINDINGS = [
        # `/` searches wherever you are: here, the entities.
        Binding("/", "find", "Search", id="global.search"),
        Binding("R", "rename", "Rename", id="entities.rename"),
        Binding("m", "merge", "Merge into…", id="entities.merge"),
        Binding("s", "split", "Split alias off", id="entities.split"),
        Binding("escape", "close", "Close", id="entities.close"),
    ]

    def __init__(self, analysis, dossier, source_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.analysis = analysis
        self.dossier = dossier
        self.merging = None  # the Entity being merged into the one picked next
        self.asking: str | None = None  # "rename" | "split" while the input is open
        # Each article's source name, found by the reader off the UI thread (else here, once).
        self._outlets: dict[str, str] | None = source_names or None
        by_type: dict[str, list[Entity]] = {}
        for entity in analysis.entities:
            by_type.setdefault(str(entity.type), []).append(entity)
        self._groups = [(title, by_type.get(type_name, [])) for type_name, title in TYPE_TITLES.items()]
        self._names: list[str] | None = None  # every entity's spellings, folded, for the filter

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-box"):
            yield Static(self._hint(), id="entities-hint")
            yield FilterInput(placeholder="/ filter by any spelling", id="entities-find")
            yield EntityRows(self._lines, empty="no entity matches", id="entities")
            yield Input(id="entities-input")

    def on_mount(self) -> None:
        self.query_one("#entities-input", Input).display = False
        rows = self.query_one(EntityRows)
        self._show("")
        rows.focus()

    def _show(self, query: str) -> None:
        entries: list[Entry] = []
        wanted = None
        if query.strip():
            entities = [e for _, members in self._groups for e in members]
            if self._names is None:
                self._names = [" ".join([e.name, *e.aliases]).casefold() for e in entities]
            wanted = {id(entities[n]) for n in matching(self._names, query)}
        shown = 0
        for title, members in self._groups:
            if wanted is not None:
                members = [e for e in members if id(e) in wanted]
            if not members:
                continue
            entries.append(Entry(f"{title} ({len(members):,})", 1, heading=True))
            entries.extend(Entry(e, 3 if len(e.aliases) > 1 else 2) for e in members)
            shown += len(members)
        total = len(self.analysis.entities)
        box = self.query_one("#entities-box")
        box.border_title = f"Entities · {shown:,} of {total:,}" if wanted is not None else f"Entities · {total:,}"
        self.query_one(EntityRows).set_entries(entries)

    def _lines(self, value: object, width: int) -> list[Text]:
        if isinstance(value, str):
            return [Text(value)]
        assert isinstance(value, Entity)
        entity = value
        line = Text(clean(entity.name), style="bold")
        articles = len(entity.articles)
        line.append(f"  ×{entity.count:,} in {articles:,} article{'s' if articles != 1 else ''}", style="dim")
        lines = [line]
        others = [a for a in entity.aliases if a != entity.name]
        if others:
            lines.append(Text("  also: " + clean(", ".join(others[:8])), style="italic"))
        if self._outlets is None:
            self._outlets = {a.id: display_source(a) or UNKNOWN_SOURCE for a in self.dossier.articles}
        sources = sorted({clean(self._outlets.get(a, UNKNOWN_SOURCE)) for a in entity.articles})
        lines.append(Text("  " + ", ".join(sources[:6]) + (" …" if len(sources) > 6 else ""), style="dim"))
        return lines

    def _hint(self) -> str:
        if self.merging is not None:
            return f"merge {clean(self.merging.name)} into: pick the target, enter · escape cancels"
        return "enter filter · / find · R rename · m merge · s split · escape close"

    def _current(self):
        return self.query_one(EntityRows).highlighted

    # -- filter --------------------------------------------------------------------------------

    def action_find(self) -> None:
        self.query_one("#entities-find", FilterInput).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "entities-find":
            event.stop()
            self._show(event.value)

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        event.stop()
        self.query_one(EntityRows).focus()

    # -- choosing and correcting ---------------------------------------------------------------

    def on_grouped_rows_selected(self, event: GroupedRows.Selected) -> None:
        event.stop()
        entity = event.value
        if self.merging is not None:
            if entity is not self.merging:
                self.dismiss(("merge", [entity.name, self.merging.name]))
            return
        self.dismiss(("filter", entity))

    def action_rename(self) -> None:
        self._ask("rename", "new name for ")

    def action_split(self) -> None:
        self._ask("split", "spelling to split off from ")

    def _ask(self, what: str, prompt: str) -> None:
        entity = self._current()
        if entity is None:
            return
        self.asking = what
        field = self.query_one("#entities-input", Input)
        field.placeholder = prompt + clean(entity.name)
        field.value = ""
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "entities-input":
            return
        value = " ".join(event.value.split())
        entity = self._current()
        if not value or entity is None:
            return
        self.dismiss(("rename", (entity.name, value)) if self.asking == "rename" else ("split", value))

    def action_merge(self) -> None:
        self.merging = self._current()
        self.query_one("#entities-hint", Static).update(self._hint())

    def action_close(self) -> None:
        if self.asking or self.merging is not None:
            self.asking = self.merging = None
            self.query_one("#entities-input", Input).display = False
            self.query_one("#entities-hint", Static).update(self._hint())
            self.query_one(EntityRows).focus()
            return
        self.dismiss(None)
