"""Filter as you type for the entities and quotes views: the field, and the matching rule.

A query matches an item when every word of it is in the item's text (case-insensitive, any
order): `trump org` finds "Trump Organization". The field hands the keyboard back to the list
with `enter` or `down`; `escape` clears it first, then hands back.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    class Done(Message):
        """The user is done typing: the list takes the keys again."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" or (event.key == "escape" and not self.value):
            event.stop()
            event.prevent_default()
            self.post_message(self.Done())
        elif event.key == "escape":
            event.stop()
            event.prevent_default()
            self.value = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())


def matching(texts: Sequence[str], query: str) -> list[int]:
    """Positions of the casefolded `texts` holding every word of `query`."""
    words = query.casefold().split()
    return [n for n, text in enumerate(texts) if all(word in text for word in words)]
