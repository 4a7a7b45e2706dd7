"""The message log (`L`): every notice of this session, newest last (copies, skipped files, index
rebuilds, keymap problems), since the status line shows only the latest for a few seconds."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dossier_tui.app.reader_lines import clean


class MessagesScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="messages.close"),
        Binding("j,down", "scroll(1)", "Down", id="messages.down", show=False),
        Binding("k,up", "scroll(-1)", "Up", id="messages.up", show=False),
    ]

    def __init__(self, log: list[tuple[float, str]]) -> None:
        super().__init__()
        self.entries = list(log)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="messages-box") as box:
            box.border_title = f"Messages · {len(self.entries):,} · escape close"
            text = Text()
            for when, message in self.entries:
                text.append(time.strftime("%H:%M:%S ", time.localtime(when)), style="dim")
                text.append(clean(message) + "\n")
            yield Static(text if self.entries else Text("no messages yet", style="italic"))

    def on_mount(self) -> None:
        box = self.query_one(VerticalScroll)
        box.focus()
        box.scroll_end(animate=False)

    def action_scroll(self, step: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_to(y=box.scroll_y + step, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
