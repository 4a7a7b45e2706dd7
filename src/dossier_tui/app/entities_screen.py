"""Entities (`e`): alias clusters by type with counts and sources; enter filters the article list.

R renames, m merges the entity into the one picked next, s splits a spelling off; each correction
is written to the dossier's aliases.yaml and the dossier is analysed again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dossier_tui.app.grouped_list import GroupedList
from dossier_tui.app.reader_lines import clean
from dossier_tui.provenance import UNKNOWN_SOURCE, display_source

TYPE_TITLES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups"}


class EntityList(GroupedList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next entity", id="entities.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous entity", id="entities.cursor_up", show=False),
        Binding("enter", "select", "Filter articles", id="entities.filter"),
    ]


class EntitiesScreen(ModalScreen[tuple[str, object] | None]):
    """Dismissed with ("filter", name) or (section, entry) for aliases.yaml, or None."""

    BINDINGS = [
        Binding("R", "rename", "Rename", id="entities.rename"),
        Binding("m", "merge", "Merge into…", id="entities.merge"),
        Binding("s", "split", "Split alias off", id="entities.split"),
        Binding("escape", "close", "Close", id="entities.close"),
    ]

    def __init__(self, analysis, dossier) -> None:
        super().__init__()
        self.analysis = analysis
        self.dossier = dossier
        self.merging: str | None = None
        self.asking: str | None = None  # "rename" | "split" while the input is open

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-box"):
            yield Static(self._hint(), id="entities-hint")
            yield EntityList(*self._options(), id="entities")
            yield Input(id="entities-input")

    def on_mount(self) -> None:
        box = self.query_one("#entities-box")
        box.border_title = f"Entities · {len(self.analysis.entities)}"
        self.query_one(Input).display = False
        self.query_one(EntityList).focus()

    def _hint(self) -> str:
        if self.merging:
            return f"merge {self.merging} into: pick the target, enter · escape cancels"
        return "enter filter articles · R rename · m merge · s split a spelling · escape close"

    def _options(self) -> list[Option]:
        outlets = {a.id: display_source(a) or UNKNOWN_SOURCE for a in self.dossier.articles}
        options: list[Option] = []
        for type_name, title in TYPE_TITLES.items():
            members = [e for e in self.analysis.entities if str(e.type) == type_name]
            if not members:
                continue
            options.append(Option(Text(f"{title} ({len(members)})", style="bold underline"), disabled=True))
            for entity in members:
                line = Text(clean(entity.name), style="bold")
                articles = len(entity.articles)
                line.append(f"  ×{entity.count} in {articles} article{'s' if articles != 1 else ''}", style="dim")
                others = [a for a in entity.aliases if a != entity.name]
                if others:
                    line.append("\n  also: " + clean(", ".join(others[:6])), style="italic")
                sources = sorted({clean(outlets.get(a, a)) for a in entity.articles})
                line.append("\n  " + ", ".join(sources[:4]) + (" …" if len(sources) > 4 else ""), style="dim")
                options.append(Option(line, id=entity.name))
        return options

    def _current(self) -> str | None:
        entities = self.query_one(EntityList)
        if entities.highlighted is None:
            return None
        return entities.get_option_at_index(entities.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = event.option.id
        if self.merging:
            if name != self.merging:
                self.dismiss(("merge", [name, self.merging]))
            return
        self.dismiss(("filter", name))

    def action_rename(self) -> None:
        self._ask("rename", "new name for ")

    def action_split(self) -> None:
        self._ask("split", "spelling to split off from ")

    def _ask(self, what: str, prompt: str) -> None:
        name = self._current()
        if name is None:
            return
        self.asking = what
        field = self.query_one(Input)
        field.placeholder = prompt + name
        field.value = ""
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        name = self._current()
        if not value or name is None:
            return
        self.dismiss(("rename", (name, value)) if self.asking == "rename" else ("split", value))

    def action_merge(self) -> None:
        self.merging = self._current()
        self.query_one("#entities-hint", Static).update(self._hint())

    def action_close(self) -> None:
        if self.asking or self.merging:
            self.asking = self.merging = None
            self.query_one(Input).display = False
            self.query_one("#entities-hint", Static).update(self._hint())
            self.query_one(EntityList).focus()
            return
        self.dismiss(None)
