"""The prompt of in-article find (`F`, as `/` in less): one line at the bottom of the screen.

The open article's matches are highlighted as you type; `enter` keeps them (walk them with n/N,
the status line counts them), `escape` puts back what was found before the prompt opened. An
empty query clears the find. `/` stays the search of the whole dossier.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FindBar(Input):
    DEFAULT_CSS = """
    FindBar, FindBar:focus { dock: bottom; height: 1; border: none; padding: 0 1; background: $primary 20%; }
    """

    def __init__(self, reader) -> None:
        self.reader = reader
        self.before = reader.find_query
        super().__init__(value=self.before, placeholder="find in this article · enter keeps · escape cancels", id="find-bar")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reader.find(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.reader.find(self.before)
            self._close()

    def _close(self) -> None:
        self.reader.focus()
        self.remove()
