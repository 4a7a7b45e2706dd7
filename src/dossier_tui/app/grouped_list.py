"""An OptionList of items under headings (disabled options): the cursor starts on the first item."""

from __future__ import annotations

from textual.widgets import OptionList


class GroupedList(OptionList):
    def on_mount(self) -> None:
        self.highlighted = next(
            (i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None
        )
