"""Compare (`c`): two articles side by side, aligned passage by passage (shared, reworded, only one)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article
from dossier_tui.provenance import display_source

# Labels in words: the kind of a row is never told by colour alone.
KIND_LABEL = {"shared": "same text", "reworded": "reworded", "only_a": "only left", "only_b": "only right"}


class CompareScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("j,down", "row(1)", "Next row", id="compare.next_row", show=False),
        Binding("k,up", "row(-1)", "Previous row", id="compare.previous_row", show=False),
        Binding("escape", "close", "Close", id="compare.close"),
    ]

    def __init__(self, a: Article, b: Article, alignment) -> None:
        super().__init__()
        self.a, self.b, self.alignment = a, b, alignment

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="compare"):
            yield Static(self._table())

    def on_mount(self) -> None:
        box = self.query_one(VerticalScroll)
        counts: dict[str, int] = {}
        for row in self.alignment.rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        summary = ", ".join(f"{n} {KIND_LABEL.get(k, k)}" for k, n in counts.items())
        box.border_title = f"Compare · {summary} · escape close"
        box.focus()

    def _table(self) -> Table:
        table = Table(expand=True, show_lines=True, padding=(0, 1))
        for article in (self.a, self.b):
            source = display_source(article)
            table.add_column(Text(clean(f"{source} · {article.title}" if source else article.title), style="bold"), ratio=1)
        for row in self.alignment.rows:
            left = _side(self.a, row.a_paragraphs, row.a_shared)
            right = _side(self.b, row.b_paragraphs, row.b_shared)
            label = Text(f"[{KIND_LABEL.get(row.kind, row.kind)}] ", style="bold")
            if left.plain:
                left = Text.assemble(label, left)
            else:
                right = Text.assemble(label, right)
            table.add_row(left, right)
        return table

    def action_row(self, step: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_to(y=box.scroll_y + step * 3, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _side(article: Article, paragraphs: list[int], shared: dict[int, list[tuple[int, int]]]) -> Text:
    out = Text()
    for number in paragraphs:
        if number >= len(article.paragraphs):
            continue
        text = Text(clean(article.paragraphs[number].text))
        for start, end in shared.get(number, []):
            text.stylize("bold underline", start, end)
        if out.plain:
            out.append("\n\n")
        out.append_text(text)
    return out
