"""`?` help: the keys in force, per context, read from the effective keymap (newsboat style), and
what the marks in the text and the search syntax mean.

Where you are comes first (the contexts of the focused pane), then the marks and the search
syntax, then every other context, so a remapped key shows up here exactly as it works.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dossier_tui.app.key_sequences import contexts_in_focus, effective_keymap
from dossier_tui.keymap import CONTEXT_TITLES, Keymap


_KEYS_WIDTH = 20  # longer key lists wrap


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; border-title-align: center; padding: 0 1; background: $surface;
    }
    HelpScreen .help-context { text-style: bold underline; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, keymap: Keymap | None = None) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        keymap = self.keymap or effective_keymap(self.app)
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack[1:] else stack[-1]
        here = contexts_in_focus(self.app, keymap, below)
        order = [*here, *(c for c in keymap.contexts() if c not in here)]
        with VerticalScroll() as scroll:
            scroll.border_title = f"Keys ({keymap.name}) · escape closes"
            scroll.border_subtitle = "dossier keys lists them in a terminal"
            # One width per column across contexts, so the sections line up.
            bindings = keymap.bindings()
            widths = (
                min(_KEYS_WIDTH, max(len(", ".join(b.keys)) for b in bindings)),
                max(len(b.description) for b in bindings),
            )
            for number, context in enumerate(order):
                if number == len(here):  # after the keys of where you are: what the screen shows
                    yield Static("What the marks in the text mean", classes="help-context")
                    yield Static(_rows(MARKS))
                    yield Static("Search (/): what a query can say", classes="help-context")
                    yield Static(_rows(SEARCH))
                title = CONTEXT_TITLES.get(context, context) + ("  (here)" if context in here else "")
                yield Static(title, classes="help-context")
                yield Static(_table(keymap, context, widths))

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_down() if direction == "down" else scroll.scroll_up()


# Each sample is drawn the way the reading view draws it (app.tcss), colour aside: NO_COLOR shows the same.
MARKS = [
    (Text("Name", style="bold"), "a person (bold)"),
    (Text("Place", style="underline"), "a place (underlined)"),
    (Text("Organisation", style="bold underline"), "an organisation (bold, underlined)"),
    (Text("group", style="dim"), "a group of people (dim)"),
    (Text.assemble(("[Name] ", "bold"), ("“…”", "italic")), "speech (italic), and who said it"),
    (Text.assemble(("[?] ", "bold"), ("“…”", "italic")), "speech whose speaker the text does not name"),
    (Text("“term”", style="italic dim"), "a quoted word or phrase, not speech"),
    (Text("match", style="reverse"), "a search hit or in-article find (n / N walk them)"),
    (Text("match", style="reverse bold underline"), "the hit you are on (the status line counts: hit 2/7)"),
    (Text("shared", style="underline"), "words the passage picked in the related panel shares with this text"),
    (Text("▌"), "the paragraph cursor (│ when the view is not focused)"),
    (Text("┄ 3 page furniture blocks hidden ┄", style="dim italic"), "menus, credits, notices set aside (f shows them)"),
    (Text("[same text]", style="underline"), "related panel: another source carries these words nearly verbatim"),
    (Text("[similar]", style="italic"), "related panel: another source reports the same fact in other words"),
]
SEARCH = [
    (Text("belarus military"), "both words (stemmed: resign finds resignation)"),
    (Text("Gulev"), "the last word is a prefix while you type it (3+ letters)"),
    (Text('"letter of resignation"'), "the exact phrase"),
    (Text("trump OR obama"), "either word; OR binds tighter than AND"),
    (Text("-minsk  NOT minsk"), "without the word"),
    (Text("title:lukashenko  source:nv"), "a word in the title; an outlet"),
    (Text("date:2023  date:2017-02..2017-03"), "dates: a year, month or day; a range; date:>… date:<…"),
    (Text("person:  place:  org:  speaker:"), "named entities and quote speakers, in any of their spellings"),
]


def _rows(rows: list[tuple[Text, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=_KEYS_WIDTH + 14, no_wrap=True, overflow="ellipsis")
    table.add_column()
    for sample, meaning in rows:
        table.add_row(sample, Text(meaning))
    return table


def _table(keymap: Keymap, context: str, widths: tuple[int, int]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=widths[0], style="bold")
    table.add_column(width=widths[1])
    table.add_column(style="dim", no_wrap=True, overflow="ellipsis")
    for binding in keymap.bindings(context):
        table.add_row(Text(", ".join(binding.keys)), Text(binding.description), Text(binding.action_id))
    return table
