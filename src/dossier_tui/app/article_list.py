"""The article list: every article, or the ranked hits of the current search or entity filter.

A line-API ScrollView like the reading view: rows have a fixed height for the current mode, so
3,824 articles cost nothing until they scroll into view (an OptionList took over a second to fill).
Wide: title (two lines), outlet · date · counts, and with a search the words around the best hit.
Narrow (< COMPACT_BELOW columns): one line per article, its title.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article

COMPACT_BELOW = 30
SETTLE_DELAY = 0.4  # seconds


@dataclass(slots=True)
class Row:
    article: Article
    # (paragraph, start, end) of the search hits, best passage first: the snippet comes from them.
    highlights: tuple[tuple[int, int, int], ...] = ()


class ArticleList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"article-list--cursor", "article-list--title", "article-list--meta", "article-list--snippet"}

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next article", id="list.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous article", id="list.cursor_up", show=False),
        Binding("enter", "open", "Open", id="list.open"),
        Binding("home", "first", "First article", id="list.top", show=False),
        Binding("end", "last", "Last article", id="list.bottom", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Selected(Message):
        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Settled(Message):
        """The rows on screen after scrolling or a new list came to rest (for lazy per-row work)."""

        def __init__(self, article_ids: list[str]) -> None:
            super().__init__()
            self.article_ids = article_ids

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.quote_counts: dict[str, int] = {}
        self.link_counts: dict[str, int] = {}
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(1024)
        self._generation = 0  # bumped when rows or counts change: the cache key's "content" part
        self._settle_timer: Timer | None = None

    # -- content -------------------------------------------------------------------------------

    def show_rows(self, rows: list[Row], *, keep_highlight: bool = True) -> None:
        current = self.highlighted_article if keep_highlight else None
        self.rows = rows
        self._changed()
        ids = [row.article.id for row in rows]
        self.highlighted = (ids.index(current.id) if current is not None and current.id in ids else 0) if rows else None
        self.scroll_to(y=0 if not rows else None, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._settle_later()

    def set_counts(self, quotes: dict[str, int] | None = None, links: dict[str, int] | None = None) -> None:
        if quotes is not None:
            self.quote_counts = quotes
        if links is not None:
            self.link_counts = links
        self._changed()

    def _changed(self) -> None:
        self._generation += 1
        self._update_size()
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._settle_later()

    def _settle_later(self) -> None:
        # Typing or scrolling fast restarts the wait: the work goes to the rows the user stops on.
        if self._settle_timer is not None:
            self._settle_timer.stop()
        self._settle_timer = self.set_timer(SETTLE_DELAY, self._settled)

    def settle_now(self) -> None:
        self._settled()

    def _settled(self) -> None:
        first = int(self.scroll_offset.y) // self.row_height
        count = self.scrollable_content_region.height // self.row_height + 1
        self.post_message(self.Settled([row.article.id for row in self.rows[first : first + count]]))

    @property
    def compact(self) -> bool:
        return self.scrollable_content_region.width < COMPACT_BELOW

    @property
    def row_height(self) -> int:
        if self.compact:
            return 1
        return 6 if any(row.highlights for row in self.rows[:1]) else 4

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) * self.row_height)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted].article

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        height = self.row_height
        line = int(self.scroll_offset.y) + y
        number, offset = divmod(line, height)
        base = self.rich_style
        if number >= len(self.rows):
            return Strip.blank(width, base)
        selected = number == self.highlighted
        key = (self.rows[number].article.id, width, height, selected, self.has_focus, self._generation)
        lines = self._cache.get(key)
        if lines is None:
            lines = self._cache[key] = self._row_lines(self.rows[number], width, height, selected)
        return lines[offset]

    def _row_lines(self, row: Row, width: int, height: int, selected: bool) -> list[Strip]:
        console = self.app.console
        styles = {name: self.get_component_rich_style(f"article-list--{name}", partial=True) for name in ("title", "meta", "snippet")}
        article = row.article
        title = Text(clean(article.title) or article.id, style=styles["title"])
        if height == 1:
            texts = [title]
        else:
            texts = list(title.wrap(console, width - 1, overflow="ellipsis"))[:2]
            if len(texts) == 2 and len(title.wrap(console, width - 1)) > 2:
                texts[1].truncate(width - 2)
                texts[1].append("…")
            texts += [Text("")] * (2 - len(texts))
            texts.append(Text(self._details(article), style=styles["meta"]))
            if height == 6:
                snippet = snippet_text(article, row.highlights, width * 2) if row.highlights else Text("")
                snippet.stylize(styles["snippet"])
                texts += list(snippet.wrap(console, width - 1))[:2]
            texts += [Text("")] * (height - len(texts))
        cursor = self.get_component_rich_style("article-list--cursor") if selected else None
        base = self.rich_style
        strips = []
        for text in texts:
            text.truncate(width - 1, overflow="ellipsis")
            segments = list(text.render(console))
            if text.style:
                segments = list(Segment.apply_style(segments, console.get_style(text.style)))
            strip = Strip([Segment(" ")] + segments).adjust_cell_length(width)
            strips.append(strip.apply_style(base + cursor if cursor else base))
        return strips

    def _details(self, article: Article) -> str:
        details = [clean(part) for part in (article.source, article.date) if part]
        if quotes := self.quote_counts.get(article.id):
            details.append(f"{quotes} quote{'s' if quotes != 1 else ''}")
        if links := self.link_counts.get(article.id):
            details.append(f"{links} shared")  # passages other sources carry too
        return " · ".join(details) or article.id

    # -- cursor --------------------------------------------------------------------------------

    def watch_highlighted(self) -> None:
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        if self.highlighted is None:
            return
        height = self.row_height
        self.scroll_to_region(
            Region(0, self.highlighted * height, 1, height), animate=False, immediate=True, force=True
        )

    def _move(self, index: int) -> None:
        if not self.rows:
            return
        self.highlighted = max(0, min(len(self.rows) - 1, index))
        self._scroll_cursor_into_view()

    def action_cursor_down(self) -> None:
        self._move((self.highlighted or 0) + 1 if self.highlighted is not None else 0)

    def action_cursor_up(self) -> None:
        self._move((self.highlighted or 0) - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1)

    def action_open(self) -> None:
        if (article := self.highlighted_article) is not None:
            self.post_message(self.Selected(article))

    def on_click(self, event: events.Click) -> None:
        number = (int(self.scroll_offset.y) + event.y) // self.row_height
        if number < len(self.rows):
            self._move(number)
            if event.chain == 2:
                self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def snippet_text(article: Article, highlights: tuple[tuple[int, int, int], ...], width: int = 160) -> Text:
    """The words around the best hit, the matched words in reverse (visible without colour)."""
    paragraph, start, _ = highlights[0]
    if paragraph >= len(article.paragraphs):
        return Text()
    source = article.paragraphs[paragraph].text
    left = max(0, start - width // 3)
    if left:
        left = source.find(" ", left) + 1 or left
    window = clean(source[left : left + width])
    text = Text(("…" if left else "") + window)
    shift = 1 if left else 0
    for number, begin, end in highlights:
        if number == paragraph and begin >= left and end <= left + width:
            text.stylize("reverse", begin - left + shift, end - left + shift)
    return text
