"""The article list: a table of every article, or of the hits of the current search or filter.

A line-API ScrollView (like the reading view and toolong's log view): only the visible rows are
rendered, each cached in an LRU keyed by what it shows, so 3,824 articles cost nothing until they
scroll into view, and moving the cursor repaints the two rows it left and reached, not the list.
Columns follow the width (list_columns): title, outlet, date, quotes and shared passages; a header
line names them. During a search each row has a second line with the words around its best hit.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dossier_tui.app import list_columns
from dossier_tui.app.list_columns import Columns
from dossier_tui.app.reader_lines import clean
from dossier_tui.model import Article
from dossier_tui.session import Row, outlet_of

_STYLES = ("cursor", "title", "meta", "snippet", "header", "open", "read", "status")
STATUS = 5  # "N! 3 ": unread, flagged, number of notes, then a space


class ArticleList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {f"article-list--{name}" for name in _STYLES}

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next article", id="list.cursor_down", show=False),
        Binding("k,up", "cursor_up", "Previous article", id="list.cursor_up", show=False),
        Binding("enter", "open", "Open", id="list.open"),
        Binding("pagedown,space", "page_down", "Page down", id="list.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="list.page_up", show=False),
        Binding("g,home", "first", "First article", id="list.top", show=False),
        Binding("G,end", "last", "Last article", id="list.bottom", show=False),
        # Sort and filters change what the session lists: the screen runs them.
        Binding("s", "screen.sort", "Sort", id="list.sort"),
        Binding("o", "screen.filter_outlet", "Outlet", id="list.filter_outlet"),
        Binding("escape", "screen.clear_filter", "Clear filter", id="list.clear_filter", show=False),
        Binding("F", "screen.filter_state", "Unread/flagged/notes", id="list.filter_state", show=False),
        Binding("u", "screen.toggle_read", "Read/unread", id="list.toggle_read", show=False),
        Binding("A", "screen.mark_all_read", "Mark all read", id="list.mark_all_read", show=False),
        Binding("exclamation_mark", "screen.flag_article", "Flag", id="list.flag", show=False),
    ]

    class Selected(Message):
        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Highlighted(Message):
        """The cursor rests on another row (index into the rows)."""

        def __init__(self, index: int, article: Article) -> None:
            super().__init__()
            self.index = index
            self.article = article

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.highlighted: int | None = None
        self.open_id: str | None = None  # the article in the reading view, marked in its row
        self.quote_counts: dict[str, int] = {}
        self.link_counts: dict[str, int] = {}
        # Read state, flags and note counts (a DossierAnnotations), once read: unread titles are
        # bold (as in mutt and newsboat) and each row starts with its status letters.
        self.states = None
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(1024)
        # Styles looked up once per style change, not per line (rich_style walks the ancestors:
        # a third of a search's repaint at 3,824 articles, measured).
        self._styles: dict[str, Style] = {}
        self._generation = 0  # bumped when rows or counts change: the cache key's "content" part

    # -- content -------------------------------------------------------------------------------

    def show_rows(self, rows: list[Row], *, keep: str | None = None, top: bool = False) -> None:
        """New rows; the cursor stays on article `keep` (else on the current one) or goes to the top."""
        wanted = keep or (None if top else (self.highlighted_article.id if self.highlighted_article else None))
        self.rows = rows
        self._changed()
        index = next((n for n, row in enumerate(rows) if row.article.id == wanted), 0) if wanted else 0
        self.highlighted = index if rows else None
        if top or not rows:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()

    def set_counts(self, quotes: dict[str, int] | None = None, links: dict[str, int] | None = None) -> None:
        if quotes is not None:
            self.quote_counts = quotes
        if links is not None:
            self.link_counts = links
        self._changed()

    def set_states(self, states) -> None:
        self.states = states
        self._changed()

    def mark_open(self, article_id: str | None) -> None:
        if article_id != self.open_id:
            self._refresh_article(self.open_id)
            self.open_id = article_id
            self._refresh_article(article_id)

    def _changed(self) -> None:
        self._generation += 1
        self._update_size()
        self.refresh()

    # -- geometry ------------------------------------------------------------------------------

    @property
    def columns(self) -> Columns:
        region = self.scrollable_content_region
        return list_columns.layout(region.width, region.height)

    @property
    def searching(self) -> bool:
        return any(row.highlights for row in self.rows[:1])

    @property
    def row_height(self) -> int:
        return self._row_height(self.columns)

    @property
    def header_height(self) -> int:
        return _header_height(self.columns)

    def _row_height(self, columns: Columns) -> int:
        """Lines a row takes: its title (and details when stacked), and its snippet when searching."""
        return columns.lines + (1 if self.searching and columns.mode != "compact" else 0)

    def search_page(self) -> int:
        """Search hits to fetch at first: the rows that fit with their snippets, and a margin
        (the list fetches more when its cursor comes within 10 of the end)."""
        columns = self.columns
        lines = columns.lines + (0 if columns.mode == "compact" else 1)
        return max(20, self._view_height() // lines + 12)

    def _view_height(self) -> int:
        """Lines for rows: the content height less the header line."""
        return max(1, self.scrollable_content_region.height - self.header_height)

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) * self.row_height + self.header_height)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted].article

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region  # once a line: it is computed on each access
        width = region.width
        columns = list_columns.layout(width, region.height)
        base = self._base_style()
        if columns.mode == "table" and y == 0:
            return self._header(columns, width)
        height = self._row_height(columns)
        line = int(self.scroll_offset.y) + y - _header_height(columns)
        number, offset = divmod(line, height)
        if line < 0 or number >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[number]
        selected = number == self.highlighted
        is_open = row.article.id == self.open_id
        key = (row.article.id, width, columns, height, selected, is_open, self.has_focus, self._generation)
        lines = self._cache.get(key)
        if lines is None:
            lines = self._cache[key] = self._row_lines(row, columns, width, height, selected, is_open)
        return lines[offset]

    def _style(self, name: str) -> Style:
        if (style := self._styles.get(name)) is None:
            style = self._styles[name] = self.get_component_rich_style(f"article-list--{name}", partial=True)
        return style

    def _base_style(self) -> Style:
        if (style := self._styles.get("")) is None:
            style = self._styles[""] = self.rich_style
        return style

    def _header(self, columns: Columns, width: int) -> Strip:
        title = ("N!✎  Title", columns.title) if self.states is not None else ("Title", columns.title)
        cells = [title, ("Outlet", columns.outlet), ("Date", columns.date)]
        if columns.counts:
            cells += [("quotes", columns.counts), ("shared", columns.counts)]
        text = Text(" " * list_columns.GUTTER + "  ".join(name.ljust(size) for name, size in cells if size))
        return self._strip(text, width, self._base_style() + self._style("header"))

    def _row_lines(self, row: Row, columns: Columns, width: int, height: int, selected: bool, is_open: bool) -> list[Strip]:
        article = row.article
        states = self.states
        read = states is not None and states.is_read(article.id)
        title = Text(clean(article.title or article.id), style=self._style("read" if read else "title"))
        if states is not None:
            notes = states.count(article.id)
            status = ("N" if not read else " ") + ("!" if states.flags(article.id) else " ")
            status += (str(notes) if notes < 10 else "+").rjust(2) if notes else "  "
            title = Text.assemble((status + " ", self._style("status")), title)
        title.truncate(columns.title, overflow="ellipsis")
        meta = self._style("meta")
        quotes, links = self.quote_counts.get(article.id), self.link_counts.get(article.id)
        if columns.mode == "table":
            title.pad_right(columns.title - title.cell_len)
            line = Text.assemble(title, "  ", (_fit(clean(outlet_of(article)), columns.outlet), meta), "  ", (_fit(article.date or "", columns.date), meta))
            if columns.counts:
                line.append("  " + _count(quotes, columns.counts) + "  " + _count(links, columns.counts), style=meta)
            texts = [line]
        elif columns.mode == "stacked":
            texts = [title, Text(_details(article, quotes, links), style=meta)]
        else:
            texts = [title]
        if height > len(texts):
            snippet = snippet_text(article, row.highlights, width - list_columns.GUTTER) if row.highlights else Text("")
            snippet.stylize(self._style("snippet"))
            texts.append(snippet)
        cursor = self._style("cursor") if selected else None
        # The cursor is a bar in the margin as well as a colour: visible without colour, and unfocused.
        bar = ("▌" if self.has_focus else "│") if selected else " "
        mark = "•" if is_open else " "
        strips = []
        for number, text in enumerate(texts):
            gutter = Text(bar + (mark if number == 0 else " "), style=self._style("open"))
            strips.append(self._strip(gutter + text, width, self._base_style() + cursor if cursor else self._base_style()))
        return strips

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis")
        console = self.app.console
        segments = list(text.render(console))
        if text.style:
            segments = list(Segment.apply_style(segments, console.get_style(text.style)))
        return Strip(segments).adjust_cell_length(width).apply_style(style)

    # -- cursor --------------------------------------------------------------------------------

    def _row_region(self, index: int) -> Region:
        """Where row `index` is on screen now (content coordinates)."""
        y = index * self.row_height - int(self.scroll_offset.y) + self.header_height
        return Region(0, y, self.scrollable_content_region.width, self.row_height)

    def _refresh_article(self, article_id: str | None) -> None:
        for index, row in enumerate(self.rows):
            if row.article.id == article_id:
                self.refresh(self._row_region(index))
                return

    def _scroll_cursor_into_view(self) -> None:
        if self.highlighted is None:
            return
        height, view = self.row_height, self._view_height()
        top, scroll = self.highlighted * height, int(self.scroll_offset.y)
        if top < scroll:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > scroll + view:
            self.scroll_to(y=top + height - view, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(len(self.rows) - 1, index))
        old, self.highlighted = self.highlighted, index
        scroll = self.scroll_offset.y
        self._scroll_cursor_into_view()
        if scroll == self.scroll_offset.y:  # not scrolled: only the two rows changed
            if old is not None:
                self.refresh(self._row_region(old))
            self.refresh(self._row_region(index))
        if old != index:
            self.post_message(self.Highlighted(index, self.rows[index].article))

    def action_cursor_down(self) -> None:
        self.move_to(self.highlighted + 1 if self.highlighted is not None else 0)

    def action_cursor_up(self) -> None:
        self.move_to((self.highlighted or 0) - 1)

    def action_page_down(self) -> None:
        self.move_to((self.highlighted or 0) + max(1, self._view_height() // self.row_height - 1))

    def action_page_up(self) -> None:
        self.move_to((self.highlighted or 0) - max(1, self._view_height() // self.row_height - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_open(self) -> None:
        if (article := self.highlighted_article) is not None:
            self.post_message(self.Selected(article))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # the border is not a row
        if offset is None:
            return
        line = int(self.scroll_offset.y) + offset.y - self.header_height
        number = line // self.row_height
        if line >= 0 and number < len(self.rows):
            self.move_to(number)
            if event.chain == 2:
                self.action_open()

    def on_focus(self) -> None:
        self._styles.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh()


def _header_height(columns: Columns) -> int:
    return 1 if columns.mode == "table" else 0


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _count(count: int | None, width: int) -> str:
    return (str(count) if count else "").rjust(width)


def _details(article: Article, quotes: int | None, links: int | None) -> str:
    details = [clean(part) for part in (outlet_of(article), article.date) if part]
    if quotes:
        details.append(f"{quotes} quote{'s' if quotes != 1 else ''}")
    if links:
        details.append(f"{links} shared")  # passages other sources carry too
    return " · ".join(details) or clean(article.id)


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
