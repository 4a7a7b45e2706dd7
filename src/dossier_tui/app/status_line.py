"""The status line: indexing progress and notices on the left, the hit counter on the right.

Notices never cover the text (no toasts): each is shown here and kept in the message log
(`L` opens it). A notice given `seconds` clears itself after that long, unless a newer one
replaced it; the others (search counts, filters) stay until replaced.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from dossier_tui.app.reader_lines import clean

LOG_SIZE = 500  # notices kept for the message log


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.stages: dict[str, str] = {}
        self.notice = ""
        self.hits = ""
        self.messages: list[tuple[float, str]] = []  # (time, notice), oldest first
        self._expiry: Timer | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        if total and done >= total:
            self.stages.pop(stage, None)
        else:
            self.stages[stage] = f"{stage} {done}/{total}" if total else f"{stage}…"
        self._show()

    def done(self, stage: str) -> None:
        self.stages.pop(stage, None)
        self._show()

    def set_notice(self, notice: str, *, seconds: float | None = None, log: bool = False) -> None:
        """Show `notice` (for `seconds`, else until replaced); `log` also keeps it in the message log."""
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        self.notice = notice
        if log and notice:
            self.add_to_log(notice)
        if notice and seconds is not None:
            self._expiry = self.set_timer(seconds, lambda: self.set_notice(""))
        self._show()

    def add_to_log(self, text: str) -> None:
        self.messages.append((time.time(), text))
        del self.messages[:-LOG_SIZE]

    def set_hits(self, current: int, total: int) -> None:
        self.hits = "" if not total else f"hit {current}/{total}" if current else f"{total} hits"
        self._show()

    def on_resize(self) -> None:
        self._show()  # the hit counter is right-aligned to the width

    def _show(self) -> None:
        width = self.size.width or 80
        left = " · ".join([*self.stages.values(), self.notice] if self.notice else self.stages.values())
        # File names in notices come from the user's disk: shown safe, and cut before the counter.
        text = Text(clean(left), no_wrap=True)
        if self.hits:
            text.truncate(max(1, width - len(self.hits) - 3), overflow="ellipsis")
            text.append(" " * max(1, width - len(self.hits) - text.cell_len - 2))
            text.append(self.hits, style="bold")
        self.update(text)
