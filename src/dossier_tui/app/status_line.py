"""The status line: indexing progress and notices on the left, the hit counter on the right."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dossier_tui.app.reader_lines import clean


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.stages: dict[str, str] = {}
        self.notice = ""
        self.hits = ""

    def progress(self, stage: str, done: int, total: int) -> None:
        if total and done >= total:
            self.stages.pop(stage, None)
        else:
            self.stages[stage] = f"{stage} {done}/{total}" if total else f"{stage}…"
        self._show()

    def done(self, stage: str) -> None:
        self.stages.pop(stage, None)
        self._show()

    def set_notice(self, notice: str) -> None:
        self.notice = notice
        self._show()

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
