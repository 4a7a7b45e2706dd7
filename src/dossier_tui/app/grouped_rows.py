"""A long list of items under headings, drawn with the line API: only the rows on screen are built.

The entities (17,000 on a 4,000-article dossier) and quotes (21,000) views use it: an OptionList
measured every option when it was filled (the quotes view froze the reader 10-18 s, `End` took
3 s). Here an item is a fixed number of lines, so the layout is a list of row offsets computed
once per filter, and `render_line` asks the view for the few items in sight (cached per width).
Items are told apart by their position, never by their names (`Trump` is a PERSON and an ORG).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

_GUTTER = 2


@dataclass(slots=True, frozen=True)
class Entry:
    """One heading or item of the list; `value` is what the view renders and what `enter` picks."""

    value: object
    height: int
    heading: bool = False


class GroupedRows(ScrollView, can_focus=True):
    """`render(value, width)` gives an entry's lines (Text, cut to width by this widget)."""

    COMPONENT_CLASSES = {"grouped-rows--cursor", "grouped-rows--heading", "grouped-rows--empty"}
    DEFAULT_CSS = """
    GroupedRows { overflow-x: hidden; scrollbar-size-vertical: 1; }
    GroupedRows > .grouped-rows--cursor { background: $block-cursor-blurred-background; }
    GroupedRows:focus > .grouped-rows--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    GroupedRows > .grouped-rows--heading { text-style: bold underline; }
    GroupedRows > .grouped-rows--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Selected(Message):
        def __init__(self, value: object) -> None:
            super().__init__()
            self.value = value

    def __init__(self, render: Callable[[object, int], list[Text]], *, empty: str = "nothing here", id: str | None = None) -> None:
        super().__init__(id=id)
        self._render_entry = render
        self.empty = empty
        self.entries: Sequence[Entry] = ()
        self._starts: list[int] = []
        self._lines: LRUCache[tuple[int, int], list[Text]] = LRUCache(512)

    # -- content -------------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show `entries` (a new filter): the cursor goes to the first item, the view to the top."""
        self.entries = entries
        self._lines.clear()
        starts, y = [], 0
        for entry in entries:
            starts.append(y)
            y += entry.height
        self._starts = starts
        self.virtual_size = Size(self.size.width, max(1, y))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = self._item_from(0, 1)
        self.refresh()

    def redraw(self) -> None:
        """Build the lines again: what the view renders for its entries changed."""
        self._lines.clear()
        self.refresh()

    @property
    def highlighted(self) -> object | None:
        return self.entries[self.cursor].value if 0 <= self.cursor < len(self.entries) else None

    def _item_from(self, index: int, step: int) -> int:
        """The first item (not a heading) from `index` in direction `step`, else -1."""
        while 0 <= index < len(self.entries):
            if not self.entries[index].heading:
                return index
            index += step
        return -1

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = int(self.scroll_offset.y) + y
        if not self.entries:
            if y == 0:
                text = Text("  " + self.empty, style=self.get_component_rich_style("grouped-rows--empty"))
                text.truncate(width, overflow="ellipsis")
                return Strip(text.render(self.app.console), text.cell_len).adjust_cell_length(width).apply_style(base)
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        if index < 0 or line >= self._starts[-1] + self.entries[-1].height:
            return Strip.blank(width, base)
        entry = self.entries[index]
        offset = line - self._starts[index]
        lines = self._entry_lines(index, width - _GUTTER)
        text = lines[offset] if offset < len(lines) else Text()
        if entry.heading:
            text = text.copy()
            text.stylize(self.get_component_rich_style("grouped-rows--heading", partial=True))
        strip = Strip(text.render(self.app.console), text.cell_len)
        if index == self.cursor:
            # A bar in the margin as well as the colour: the cursor is visible without colour.
            style = self.get_component_rich_style("grouped-rows--cursor")
            gutter = Strip([Segment("▌ " if self.has_focus else "│ ")], _GUTTER)
            return Strip.join([gutter, strip]).adjust_cell_length(width).apply_style(style).apply_style(base)
        return Strip.join([Strip.blank(_GUTTER), strip]).adjust_cell_length(width).apply_style(base)

    def _entry_lines(self, index: int, width: int) -> list[Text]:
        key = (index, width)
        lines = self._lines.get(key)
        if lines is None:
            lines = []
            for text in self._render_entry(self.entries[index].value, width)[: self.entries[index].height]:
                text.truncate(max(1, width), overflow="ellipsis")
                lines.append(text)
            self._lines[key] = lines
        return lines

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.virtual_size.height)
        self._lines.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- cursor --------------------------------------------------------------------------------

    def watch_cursor(self) -> None:
        if 0 <= self.cursor < len(self.entries):
            self._show_cursor()
        self.refresh()

    def _show_cursor(self) -> None:
        top, height = self._starts[self.cursor], self.entries[self.cursor].height
        # The heading just above the first item of a group stays in sight with it.
        if self.cursor > 0 and self.entries[self.cursor - 1].heading:
            top = self._starts[self.cursor - 1]
        view = self.scrollable_content_region.height or 1
        current = int(self.scroll_offset.y)
        if top < current:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > current + view:
            self.scroll_to(y=top + height - view, animate=False, immediate=True)

    def move(self, step: int) -> None:
        found = self._item_from(self.cursor + step, 1 if step > 0 else -1)
        if found >= 0:
            self.cursor = found

    def action_cursor_down(self) -> None:
        self.move(1)

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if not self._starts or self.cursor < 0:
            return
        view = self.scrollable_content_region.height or 1
        target = self._starts[self.cursor] + direction * view
        index = max(0, min(len(self.entries) - 1, bisect_right(self._starts, target) - 1))
        found = self._item_from(index, direction) if index != self.cursor else -1
        if found < 0:
            found = self._item_from(index, -direction)
        if found >= 0:
            self.cursor = found

    def action_top(self) -> None:
        found = self._item_from(0, 1)
        if found >= 0:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.cursor = found

    def action_bottom(self) -> None:
        found = self._item_from(len(self.entries) - 1, -1)
        if found >= 0:
            self.cursor = found

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self.highlighted))

    def on_click(self, event) -> None:
        if not self._starts:
            return
        index = bisect_right(self._starts, int(self.scroll_offset.y) + event.y) - 1
        found = self._item_from(max(0, index), 1)
        if found == index:
            if self.cursor == found and event.chain >= 2:
                self.action_select()
            self.cursor = found
