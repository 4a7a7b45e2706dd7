"""The article list: every article, or the ranked hits of the current search or entity filter."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article


@dataclass(slots=True)
class Row:
    article: Article
    # (paragraph, start, end) of the search hits, best passage first: the snippet comes from them.
    highlights: tuple[tuple[int, int, int], ...] = ()


COMPACT_BELOW = 30


class ArticleList(OptionList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next article", id="list.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous article", id="list.cursor_up", show=False),
        Binding("enter", "select", "Open", id="list.open"),
        Binding("home", "first", "First article", id="list.top", show=False),
        Binding("end", "last", "Last article", id="list.bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.compact = False
        self.quote_counts: dict[str, int] = {}
        self.link_counts: dict[str, int] = {}

    def show_rows(self, rows: list[Row], *, keep_highlight: bool = True) -> None:
        current = self.highlighted_article if keep_highlight else None
        self.rows = rows
        self._render_rows()
        ids = [row.article.id for row in rows]
        if rows:
            self.highlighted = ids.index(current.id) if current is not None and current.id in ids else 0

    def set_counts(self, quotes: dict[str, int] | None = None, links: dict[str, int] | None = None) -> None:
        if quotes is not None:
            self.quote_counts = quotes
        if links is not None:
            self.link_counts = links
        self._rerender()

    def on_resize(self) -> None:
        # A narrow list shows titles only (one line each) so more articles fit.
        self._set_compact(self.size.width < COMPACT_BELOW)

    def _set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._rerender()

    def _rerender(self) -> None:
        highlighted = self.highlighted
        self._render_rows()
        if highlighted is not None and highlighted < len(self.rows):
            self.highlighted = highlighted

    def _render_rows(self) -> None:
        self.clear_options()
        self.add_options([Option(self._prompt(row), id=row.article.id) for row in self.rows])

    def _prompt(self, row: Row) -> Text:
        article = row.article
        title = Text(clean(article.title) or article.id, style="bold", overflow="ellipsis", no_wrap=self.compact)
        if self.compact:
            title.truncate(max(8, self.scrollable_content_region.width - 1), overflow="ellipsis")
            return title
        details = [clean(part) for part in (article.source, article.date) if part]
        if quotes := self.quote_counts.get(article.id):
            details.append(f"{quotes} quote{'s' if quotes != 1 else ''}")
        if links := self.link_counts.get(article.id):
            details.append(f"{links} linked")
        text = Text.assemble(title, "\n", Text(" · ".join(details) or article.id, style="dim"))
        if row.highlights:
            text.append("\n")
            text.append_text(snippet(article, row.highlights))
        return text

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted].article


def snippet(article: Article, highlights: tuple[tuple[int, int, int], ...], width: int = 160) -> Text:
    """The words around the best hit, the matched words in reverse (visible without colour)."""
    paragraph, start, _ = highlights[0]
    if paragraph >= len(article.paragraphs):
        return Text()
    source = article.paragraphs[paragraph].text
    left = max(0, start - width // 3)
    if left:
        left = source.find(" ", left) + 1 or left
    window = clean(source[left : left + width])
    text = Text(("…" if left else "") + window, style="italic", no_wrap=True, overflow="ellipsis")
    shift = 1 if left else 0
    for number, begin, end in highlights:
        if number == paragraph and begin >= left and end <= left + width:
            text.stylize("reverse", begin - left + shift, end - left + shift)
    return text
