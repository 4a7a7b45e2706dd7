"""`?` help: the keys in force, per context, read from the effective keymap (newsboat style).

Where you are comes first (the contexts of the focused pane), then every other context, so a
remapped key shows up here exactly as it works.
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
            for context in order:
                title = CONTEXT_TITLES.get(context, context) + ("  (here)" if context in here else "")
                yield Static(title, classes="help-context")
                yield Static(_table(keymap, context, widths))

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_down() if direction == "down" else scroll.scroll_up()


def _table(keymap: Keymap, context: str, widths: tuple[int, int]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=widths[0], style="bold")
    table.add_column(width=widths[1])
    table.add_column(style="dim", no_wrap=True, overflow="ellipsis")
    for binding in keymap.bindings(context):
        table.add_row(Text(", ".join(binding.keys)), Text(binding.description), Text(binding.action_id))
    return table
