"""The search bar: typing narrows the article list live; enter opens the top result."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [
        Binding("enter", "open_top", "Open top result", id="search.submit"),
        Binding("escape", "leave", "Leave search", id="search.leave"),
        Binding("down", "results", "To results", id="search.results", show=False),
    ]

    class OpenTop(Message):
        """Enter: open the best result at its first hit."""

    class Down(Message):
        """Down: into the results, the cursor on the first."""

    class Left(Message):
        """Escape: give the keys back to the panes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ search: words, \"phrases\", title:, source:, person:", id=id, select_on_focus=False)

    def action_open_top(self) -> None:
        self.post_message(self.OpenTop())

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_results(self) -> None:
        self.post_message(self.Down())
