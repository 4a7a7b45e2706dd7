"""The reading view: a line-API ScrollView that renders only the visible rows.

Each block (see reader_lines) is wrapped to the current width once and cached in an LRU keyed by
(block, width, the block's marks), so scrolling a long text costs one dict lookup per row, and a
new search hit rewraps only the paragraphs it touches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dossier_tui.app import reader_lines
from dossier_tui.app.reader_lines import Block, Mark
from dossier_tui.model import Article, Kind

if TYPE_CHECKING:  # imported when a selection starts
    from dossier_tui.app.selection import Selection

_GUTTER = 2
_MIN_LAID_OUT = 30  # text columns
_EMPTY_HINT = "  Open an article from the list to read it here."
_STYLE_NAMES = (*reader_lines.MARK_KINDS, "speaker", "furniture", "title", "meta", "cursor", "note", "margin")
_ANNOTATED = "┃"  # margin mark on the lines of an annotated passage (the style alone is not enough)


class ReadingView(ScrollView, can_focus=True):
    """One article; a paragraph cursor; search hits navigated with n/N."""

    COMPONENT_CLASSES = {f"reading-view--{name}" for name in _STYLE_NAMES}

    BINDINGS = [
        # The screen's related key again, first here: the footer lists the focused pane's keys
        # first, so at 80 columns it keeps `r` in view (same id: a keymap moves both).
        Binding("r", "screen.toggle_related", "Related", id="global.toggle_related"),
        Binding("j,down", "next_paragraph", "Next paragraph", id="reader.next_paragraph", show=False),
        Binding("k,up", "previous_paragraph", "Previous paragraph", id="reader.previous_paragraph", show=False),
        Binding("pagedown,space", "page_down", "Page down", id="reader.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="reader.page_up", show=False),
        Binding("g,home", "top", "Top", id="reader.top", show=False),
        Binding("G,end", "bottom", "Bottom", id="reader.bottom", show=False),
        Binding("z", "center", "Centre paragraph", id="reader.center", show=False),
        Binding("n", "next_hit", "Next hit", id="reader.next_hit"),
        Binding("N", "previous_hit", "Previous hit", id="reader.previous_hit", show=False),
        Binding("F,ctrl+f", "find", "Find in article", id="reader.find", show=False),
        Binding("y", "copy", "Copy", id="reader.copy"),
        Binding("f", "toggle_furniture", "Furniture", id="reader.toggle_furniture", show=False),
        Binding("backspace", "history_back", "Back", id="reader.history_back", show=False),
        Binding("escape", "close", "Back to list", id="reader.close", show=False),
        Binding("v", "select", "Select", id="reader.select"),
        Binding("a", "annotate", "Annotate", id="reader.annotate"),
        Binding("u", "toggle_read", "Read/unread", id="reader.toggle_read", show=False),
        Binding("exclamation_mark", "flag", "Flag", id="reader.flag", show=False),
    ]
    # Selection mode (`v`): these come first so they win over the reader's keys (escape, a) while
    # a passage is being selected; check_action turns them off otherwise.
    BINDINGS = [
        Binding("w", "select_word(True)", "Word →", id="select.word_forward"),
        Binding("b", "select_word(False)", "Word ←", id="select.word_back", show=False),
        Binding("right_parenthesis", "select_sentence(True)", "Sentence →", id="select.sentence_forward"),
        Binding("left_parenthesis", "select_sentence(False)", "Sentence ←", id="select.sentence_back", show=False),
        Binding("right_curly_bracket", "select_paragraph(True)", "Paragraph →", id="select.paragraph_forward"),
        Binding("left_curly_bracket", "select_paragraph(False)", "Paragraph ←", id="select.paragraph_back", show=False),
        Binding("o", "select_other_end", "Other end", id="select.other_end"),
        Binding("enter", "select_done('highlight')", "Highlight", id="select.highlight"),
        Binding("a", "select_done('annotate')", "Note", id="select.annotate"),
        Binding("escape", "select_cancel", "Cancel", id="select.cancel"),
        *BINDINGS,
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class CursorMoved(Message):
        """The paragraph under the cursor changed (paragraph None: header or folded furniture)."""

        def __init__(self, article: Article, paragraph: int | None) -> None:
            super().__init__()
            self.article = article
            self.paragraph = paragraph

    class HitMoved(Message):
        def __init__(self, current: int, total: int) -> None:
            super().__init__()
            self.current = current
            self.total = total

    class Closed(Message):
        """The reader asked to go back to the article list."""

    class CopyRequested(Message):
        def __init__(self, article: Article, paragraph: int | None, text: str) -> None:
            super().__init__()
            self.article = article
            self.paragraph = paragraph
            self.text = text

    class BackRequested(Message):
        """Back through the jump history (the app owns the history)."""

    class AnnotateRequested(Message):
        """Highlight or annotate a passage: `spans` [(paragraph, start, end)], in order; `how` is
        "highlight" or "annotate" (open the note editor). From a selection, or the paragraph under
        the cursor (`paragraph_only`, which edits its annotation when it has one)."""

        def __init__(self, article: Article, spans: list[tuple[int, int, int]], how: str, paragraph_only: bool = False) -> None:
            super().__init__()
            self.article = article
            self.spans = spans
            self.how = how
            self.paragraph_only = paragraph_only

    class StateRequested(Message):
        """Toggle the open article's read state (`what` "read") or a flag on it ("flag")."""

        def __init__(self, article: Article, what: str) -> None:
            super().__init__()
            self.article = article
            self.what = what

    class ScrolledThrough(Message):
        """The cursor reached the last paragraph of the article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.show_furniture = False
        self.blocks: list[Block] = []
        self._annotations: dict[int, tuple[Mark, ...]] = {}
        self._hits: list[Mark] = []
        self._shared: list[Mark] = []
        self._noted: list[Mark] = []  # the user's annotations (highlights and notes)
        self._notes: dict[int, tuple[str, ...]] = {}  # lines shown under a paragraph: its notes
        self.selection: Selection | None = None  # while a passage is being selected (`v`)
        self.hit_index = -1
        self.find_query = ""  # the in-article find in force ("" none)
        self._before_find: tuple[list[Mark], int] | None = None  # the hits it replaced
        self._marks: dict[int, tuple[Mark, ...]] = {}
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(1024)
        self._heights: LRUCache[tuple, int] = LRUCache(65536)
        self._margins: LRUCache[tuple, frozenset[int]] = LRUCache(1024)
        self._starts: list[int] = []
        self._width = 0

    # -- content -------------------------------------------------------------------------------

    def show(
        self,
        article: Article,
        *,
        annotations: list[Mark] | None = None,
        hits: list[Mark] | None = None,
        paragraph: int | None = None,
    ) -> None:
        """Display an article; put the cursor on `paragraph` (or the first hit, or the top)."""
        self.article = article
        self._shared = []
        self._noted, self._notes = [], {}
        if self.selection is not None:
            self.action_select_cancel()
        self._annotations = reader_lines.marks_by_paragraph(annotations or [])
        self._hits = sorted(hits or [], key=lambda m: (m.paragraph, m.start))
        self.find_query, self._before_find = "", None
        # The hit to show: the first one, or the first in `paragraph` (the words a related passage
        # shares, which may sit far down a long paragraph).
        self.hit_index = next((n for n, h in enumerate(self._hits) if paragraph is None or h.paragraph == paragraph), -1)
        if paragraph is None and self._hits:
            paragraph = self._hits[0].paragraph
        if paragraph is not None and self._is_furniture(paragraph):
            self.show_furniture = True
        self.blocks = reader_lines.layout_blocks(article, self.show_furniture)
        self._rebuild_marks()
        self._relayout(keep=None)
        self.cursor = self._block_of(paragraph) if paragraph is not None else 0
        hit = self._hits[self.hit_index] if self.hit_index >= 0 else None
        self._scroll_cursor_into_view(center=paragraph is not None)
        # A view that was empty cannot scroll before its new size is laid out (the scroll is
        # clamped to the old, empty size): scroll once more after that refresh.
        self.call_after_refresh(self._show_opening, paragraph is not None, hit, self.cursor)
        self.post_message(self.HitMoved(self.hit_index + 1, len(self._hits)))

    def _show_opening(self, center: bool, hit: Mark | None, cursor: int) -> None:
        """Once laid out: the cursor's paragraph in view, and in it the line of `hit` (a long
        paragraph's hit may be below the view); skipped if the reader has moved on meanwhile."""
        current = self._hits[self.hit_index] if 0 <= self.hit_index < len(self._hits) else None
        if cursor != self.cursor or current is not hit:
            return
        self._scroll_cursor_into_view(center=center)
        # Not in a pane still being laid out (narrower than a short line): a resize keeps the
        # paragraph at the top, and a scroll made now would land elsewhere.
        if hit is not None and self._starts and self._width >= _MIN_LAID_OUT:
            self._scroll_to_offset(hit)

    def set_annotations(self, annotations: list[Mark]) -> None:
        """New analysis marks for the open article (they arrive after the first paint)."""
        self._annotations = reader_lines.marks_by_paragraph(annotations)
        self._rebuild_marks()
        self._relayout(keep=self._top_anchor())

    def set_notes(self, marks: list[Mark], notes: dict[int, tuple[str, ...]]) -> None:
        """The user's annotations on the open article: ranges to mark, and note lines per paragraph."""
        if (marks, notes) != (self._noted, self._notes):
            self._noted, self._notes = marks, notes
            self._rebuild_marks()
            self._relayout(keep=self._top_anchor())

    def set_shared(self, shared: list[Mark]) -> None:
        """The words the passage picked in the related panel shares with this text."""
        if shared != self._shared:
            self._shared = shared
            self._rebuild_marks()
            self._relayout(keep=self._top_anchor())

    @property
    def paragraph(self) -> int | None:
        """The paragraph under the cursor."""
        if not self.blocks:
            return None
        return self.blocks[min(self.cursor, len(self.blocks) - 1)].paragraph

    def _is_furniture(self, paragraph: int) -> bool:
        assert self.article is not None
        return any(p.index == paragraph and p.kind == Kind.BOILERPLATE for p in self.article.paragraphs)

    def _rebuild_marks(self) -> None:
        marks: dict[int, list[Mark]] = {p: list(m) for p, m in self._annotations.items()}
        for mark in self._shared + self._noted:
            marks.setdefault(mark.paragraph, []).append(mark)
        if self.selection is not None:
            for paragraph, start, end in self.selection.spans():
                marks.setdefault(paragraph, []).append(Mark(paragraph, start, end, "selection"))
        for number, hit in enumerate(self._hits):
            kind = "hit-current" if number == self.hit_index else "hit"
            marks.setdefault(hit.paragraph, []).append(Mark(hit.paragraph, hit.start, hit.end, kind))
        self._marks = {p: tuple(m) for p, m in marks.items()}

    # -- layout --------------------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        return {name: self.get_component_rich_style(f"reading-view--{name}", partial=True) for name in _STYLE_NAMES}

    def _block_text(self, block: Block, styles: dict[str, Style]):
        assert self.article is not None
        if block.kind == "header":
            return reader_lines.header_text(self.article, styles)
        if block.kind == "hidden":
            return reader_lines.hidden_text(len(block.paragraphs), styles)
        paragraph = self.article.paragraphs[block.paragraphs[0]]
        return reader_lines.paragraph_text(
            paragraph.text, self._marks.get(paragraph.index, ()), styles, furniture=block.kind == "furniture",
            notes=self._notes.get(paragraph.index, ()),
        )

    def _block_key(self, block: Block, width: int) -> tuple:
        # The article by id and content digest, not by object: after a reload another article
        # could sit at a recycled address (id()) and be shown with the old one's lines.
        article = (self.article.id, self.article.digest) if self.article is not None else None
        if block.paragraph is None:
            return (article, block.key, block.kind, width, ())
        marks, notes = self._marks.get(block.paragraph, ()), self._notes.get(block.paragraph, ())
        return (article, block.key, block.kind, width, marks, notes)

    def _marked_lines(self, block: Block, width: int) -> frozenset[int]:
        """The lines of a block that show part of an annotated passage (or of the selection)."""
        if block.paragraph is None or self.article is None:
            return frozenset()
        key = self._block_key(block, width)
        found = self._margins.get(key)
        if found is None:
            found = self._margins[key] = self._find_marked_lines(block, width)
        return found

    def _find_marked_lines(self, block: Block, width: int) -> frozenset[int]:
        assert block.paragraph is not None and self.article is not None
        ranges = [m for m in self._marks.get(block.paragraph, ()) if m.kind in ("annotation", "selection")]
        if not ranges:
            return frozenset()
        text = self.article.paragraphs[block.paragraph].text
        marks = self._marks.get(block.paragraph, ())
        breaks = reader_lines.wrap_offsets(self._block_text(block, {}).plain, width)
        lines: set[int] = set()
        for mark in ranges:
            first = bisect_right(breaks, reader_lines.shown_offset(text, marks, mark.start))
            last = bisect_right(breaks, reader_lines.shown_offset(text, marks, max(mark.start, mark.end - 1)))
            lines.update(range(first, last + 1))
        return frozenset(lines)

    def _block_height(self, block: Block, width: int) -> int:
        """Lines the block takes at `width`: counted on the plain text, cheaply, for every block."""
        key = self._block_key(block, width)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = len(reader_lines.wrap_offsets(self._block_text(block, {}).plain, width)) + 1
        return height

    def _block_lines(self, block: Block, width: int) -> list[Strip]:
        """The styled lines of a block, built only when it scrolls into view."""
        key = self._block_key(block, width)
        lines = self._cache.get(key)
        if lines is None:
            console = self.app.console
            text = self._block_text(block, self._styles())
            base = console.get_style(text.style)  # Text.render leaves the Text's own style out
            lines = []
            for line in text.divide(reader_lines.wrap_offsets(text.plain, width)):
                line.rstrip()
                lines.append(Strip(line.render(console), line.cell_len).apply_style(base))
            self._cache[key] = lines
        return lines

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - _GUTTER - 1)

    def _relayout(self, keep: tuple[int, float] | None) -> None:
        """Recount lines at the current width; `keep` = (block, fraction) to hold at the top of the view."""
        if self.article is None:
            self._starts = []
            self.virtual_size = Size(0, 0)
            return
        width = self._width = self._text_width()
        starts, y = [], 0
        for block in self.blocks:
            starts.append(y)
            y += self._block_height(block, width) + 1
        self._starts = starts
        self.virtual_size = Size(width + _GUTTER, y)
        if keep is not None:
            index, fraction = keep
            height = self._rows_of(index)
            self.scroll_to(y=starts[index] + int(fraction * height), animate=False, immediate=True)
        self.refresh()

    def _rows_of(self, index: int) -> int:
        """Rows the block at `index` spans, its blank separator line included."""
        end = self._starts[index + 1] if index + 1 < len(self._starts) else self.virtual_size.height
        return end - self._starts[index]

    def _top_anchor(self) -> tuple[int, float] | None:
        if not self._starts:
            return None
        top = int(self.scroll_offset.y)
        index = max(0, bisect_right(self._starts, top) - 1)
        return index, (top - self._starts[index]) / max(1, self._rows_of(index))

    def _block_of(self, paragraph: int) -> int:
        for number, block in enumerate(self.blocks):
            if paragraph in block.paragraphs:
                return number
        # a folded or missing paragraph: the nearest block before it
        candidates = [n for n, b in enumerate(self.blocks) if b.paragraph is not None and b.paragraph <= paragraph]
        return candidates[-1] if candidates else 0

    def on_resize(self, event: events.Resize) -> None:
        if self.article is not None and self._text_width() != self._width:
            self._relayout(keep=self._top_anchor())
            self._scroll_cursor_into_view(center=False)

    def notify_style_update(self) -> None:
        # Styles change colours and attributes, never line breaks: restyle, keep the layout.
        super().notify_style_update()
        self._cache.clear()
        self.refresh()

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = int(self.scroll_offset.y) + y
        if self.article is None:
            return Strip([Segment(_EMPTY_HINT[:width].ljust(width))]).apply_style(base) if y == 1 else Strip.blank(width, base)
        if not self._starts or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        block = self.blocks[index]
        lines = self._block_lines(block, self._width)
        offset = line - self._starts[index]
        if offset >= len(lines):
            return Strip.blank(width, base)
        # A heavy bar when focused, a thin one otherwise: the cursor is visible without colour; beside
        # it, a bar on the lines of an annotated passage.
        cursor = ("▌" if self.has_focus else "│") if index == self.cursor else " "
        margin = _ANNOTATED if offset in self._marked_lines(block, self._width) else " "
        if cursor == " " and margin == " ":
            gutter = Strip.blank(_GUTTER)
        else:
            gutter = Strip(
                [Segment(cursor, self.get_component_rich_style("reading-view--cursor")),
                 Segment(margin, self.get_component_rich_style("reading-view--margin"))],
                _GUTTER,
            )
        strip = Strip.join([gutter, lines[offset]])
        return strip.adjust_cell_length(width).apply_style(base)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- cursor --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self.article is None or not self.blocks:
            return
        self.refresh()
        self.post_message(self.CursorMoved(self.article, self.paragraph))
        if new == len(self.blocks) - 1 and len(self.blocks) > 1:
            self.post_message(self.ScrolledThrough(self.article))

    def _scroll_cursor_into_view(self, center: bool) -> None:
        if not self._starts:
            return
        top, height = self._starts[self.cursor], self._rows_of(self.cursor) - 1
        view = self.scrollable_content_region.height or 1
        current = int(self.scroll_offset.y)
        if center:
            target = max(0, top - view // 3)
        elif top < current:
            target = top
        elif top + min(height, view) > current + view:
            target = top + min(height, view) - view
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def move_cursor(self, index: int) -> None:
        if not self.blocks:
            return
        self.cursor = max(0, min(len(self.blocks) - 1, index))
        self._scroll_cursor_into_view(center=False)

    def action_next_paragraph(self) -> None:
        # A block taller than the view scrolls through before the cursor leaves it.
        view = self.scrollable_content_region.height
        end = self._starts[self.cursor] + self._rows_of(self.cursor) - 1 if self._starts else 0
        if self._starts and end > self.scroll_offset.y + view:
            self.scroll_to(y=self.scroll_offset.y + max(1, view - 2), animate=False, immediate=True)
            return
        self.move_cursor(self.cursor + 1)

    def action_previous_paragraph(self) -> None:
        if self._starts and self._starts[self.cursor] < self.scroll_offset.y:
            view = self.scrollable_content_region.height
            target = max(self._starts[self.cursor], int(self.scroll_offset.y) - max(1, view - 2))
            self.scroll_to(y=target, animate=False, immediate=True)
            return
        self.move_cursor(self.cursor - 1)

    def _cursor_to_view(self) -> None:
        top = int(self.scroll_offset.y)
        index = max(0, bisect_right(self._starts, top) - 1)
        if self._starts and self._starts[index] < top and index + 1 < len(self._starts):
            index += 1
        self.cursor = index

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_offset.y + self.scrollable_content_region.height, animate=False, immediate=True)
        self._cursor_to_view()

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_offset.y - self.scrollable_content_region.height, animate=False, immediate=True)
        self._cursor_to_view()

    def action_top(self) -> None:
        self.move_cursor(0)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.move_cursor(len(self.blocks) - 1)

    def action_center(self) -> None:
        """Scroll so the paragraph under the cursor sits in the middle of the view (vim's `zz`)."""
        if not self._starts:
            return
        view = self.scrollable_content_region.height or 1
        rows = min(self._rows_of(self.cursor), view)
        self.scroll_to(y=max(0, self._starts[self.cursor] + rows // 2 - view // 2), animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if not self._starts:
            return
        line = int(self.scroll_offset.y) + event.y
        self.cursor = max(0, bisect_right(self._starts, line) - 1)

    # -- hits ----------------------------------------------------------------------------------

    def _go_to_hit(self, number: int) -> None:
        if not self._hits:
            self.app.bell()
            return
        self.hit_index = number % len(self._hits)
        self._rebuild_marks()
        self._relayout(keep=None)
        hit = self._hits[self.hit_index]
        shown = {p for b in self.blocks for p in b.paragraphs if b.kind != "hidden"}
        if self.article is not None and hit.paragraph not in shown:
            self.show_furniture = True
            self.blocks = reader_lines.layout_blocks(self.article, True)
            self._relayout(keep=None)
        self.cursor = self._block_of(hit.paragraph)
        self._scroll_to_offset(hit)
        self.post_message(self.HitMoved(self.hit_index + 1, len(self._hits)))

    def _scroll_to_offset(self, hit: Mark) -> None:
        """Bring the hit's line into view (a third down the view when it has to scroll)."""
        assert self.article is not None
        block = self.blocks[self.cursor]
        text = self.article.paragraphs[hit.paragraph].text
        marks = self._marks.get(hit.paragraph, ())
        shown = reader_lines.shown_offset(text, marks, hit.start)
        breaks = reader_lines.wrap_offsets(self._block_text(block, {}).plain, self._width)
        line = self._starts[self.cursor] + bisect_right(breaks, shown)
        view = self.scrollable_content_region.height or 1
        if not (self.scroll_offset.y <= line < self.scroll_offset.y + view - 1):
            self.scroll_to(y=max(0, line - view // 3), animate=False, immediate=True)

    # -- find in the article ---------------------------------------------------------------

    def action_find(self) -> None:
        if self.article is None:
            self.app.bell()
            return
        from dossier_tui.app.find_bar import FindBar

        bar = FindBar(self)
        self.screen.mount(bar)
        bar.focus()

    def find(self, query: str) -> int:
        """Make the matches of QUERY (any case) in the open article the hits, from the cursor on,
        as less does; "" puts back the hits the find replaced. Returns how many matched."""
        if self.article is None:
            return 0
        if not query:
            self.clear_find()
            return 0
        if self._before_find is None:
            self._before_find = (self._hits, self.hit_index)
        self.find_query = query
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        shown = {p for block in reader_lines.layout_blocks(self.article, True) for p in block.paragraphs}
        self._hits = [
            Mark(p.index, m.start(), m.end(), "hit") for p in self.article.paragraphs if p.index in shown for m in pattern.finditer(p.text)
        ]
        if not self._hits:
            self.hit_index = -1
            self._rebuild_marks()
            self._relayout(keep=self._top_anchor())
            self.post_message(self.HitMoved(0, 0))
            return 0
        here = self.paragraph or 0
        self._go_to_hit(next((n for n, hit in enumerate(self._hits) if hit.paragraph >= here), 0))
        return len(self._hits)

    def clear_find(self) -> None:
        """Drop the find's highlights; the hits it replaced (search words, an entity) come back."""
        if self._before_find is None:
            return
        self._hits, self.hit_index = self._before_find
        self._before_find, self.find_query = None, ""
        self._rebuild_marks()
        self._relayout(keep=self._top_anchor())
        self.post_message(self.HitMoved(self.hit_index + 1, len(self._hits)))

    def action_next_hit(self) -> None:
        self._go_to_hit(self.hit_index + 1)

    def action_previous_hit(self) -> None:
        self._go_to_hit(self.hit_index - 1 if self.hit_index >= 0 else -1)

    # -- other actions -------------------------------------------------------------------------

    def action_toggle_furniture(self) -> None:
        if self.article is None:
            return
        paragraph = self.paragraph
        self.show_furniture = not self.show_furniture
        self.blocks = reader_lines.layout_blocks(self.article, self.show_furniture)
        self._relayout(keep=None)
        self.cursor = self._block_of(paragraph) if paragraph is not None else 0
        self._scroll_cursor_into_view(center=False)
        self.notify("page furniture shown" if self.show_furniture else "page furniture hidden", timeout=2)

    # -- annotations ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The selection keys live only while selecting (and then win over the reader's own).
        if action.startswith("select_"):
            return self.selection is not None
        return True

    def _text_paragraphs(self) -> list[int]:
        return [p for block in self.blocks if block.kind in ("text", "furniture") for p in block.paragraphs]

    def action_select(self) -> None:
        """Start selecting at the paragraph under the cursor (its first word)."""
        from dossier_tui.app.selection import Selection

        paragraph = self.paragraph
        if self.article is None or paragraph is None or self.blocks[self.cursor].kind not in ("text", "furniture"):
            self.app.bell()
            return
        self.selection = Selection.begin(self.article, self._text_paragraphs(), paragraph)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._rebuild_marks()
        self._relayout(keep=self._top_anchor())
        self.refresh_bindings()
        if self.selection is not None:
            end = "start" if self.selection.moving_start else "end"
            self.border_subtitle = f"selecting {self.selection.words()} words · moving the {end}"
            self._follow_selection()
        else:
            self.border_subtitle = ""

    @property
    def _selecting(self) -> Selection:
        # The select_ actions and what follows them run only while selecting (check_action).
        assert self.selection is not None
        return self.selection

    def _follow_selection(self) -> None:
        selection = self._selecting
        paragraph = (selection.start if selection.moving_start else selection.end)[0]
        block = self._block_of(paragraph)
        if block != self.cursor:
            self.cursor = block
            self._scroll_cursor_into_view(center=False)

    def action_select_word(self, forward: bool) -> None:
        self._selecting.word(forward)
        self._selection_changed()

    def action_select_sentence(self, forward: bool) -> None:
        self._selecting.sentence(forward)
        self._selection_changed()

    def action_select_paragraph(self, forward: bool) -> None:
        self._selecting.paragraph(forward)
        self._selection_changed()

    def action_select_other_end(self) -> None:
        self._selecting.swap()
        self._selection_changed()

    def action_select_done(self, how: str) -> None:
        selection, self.selection = self._selecting, None
        self._selection_changed()
        self.post_message(self.AnnotateRequested(selection.article, selection.spans(), how))

    def action_select_cancel(self) -> None:
        self.selection = None
        self._selection_changed()

    def action_annotate(self) -> None:
        """A note on the paragraph under the cursor (or its annotation, to edit)."""
        paragraph = self.paragraph
        if self.article is None or paragraph is None or self.blocks[self.cursor].kind not in ("text", "furniture"):
            self.app.bell()
            return
        length = len(self.article.paragraphs[paragraph].text)
        self.post_message(self.AnnotateRequested(self.article, [(paragraph, 0, length)], "annotate", paragraph_only=True))

    def action_toggle_read(self) -> None:
        if self.article is not None:
            self.post_message(self.StateRequested(self.article, "read"))

    def action_flag(self) -> None:
        if self.article is not None:
            self.post_message(self.StateRequested(self.article, "flag"))

    def action_copy(self) -> None:
        if self.article is None:
            return
        paragraph = self.paragraph
        block = self.blocks[self.cursor]
        if block.kind in ("text", "furniture") and paragraph is not None:
            text = self.article.paragraphs[paragraph].text
        else:
            text = self.article.title
        self.post_message(self.CopyRequested(self.article, paragraph, text))

    def action_history_back(self) -> None:
        self.post_message(self.BackRequested())

    def action_close(self) -> None:
        if self._before_find is not None:  # escape clears an in-article find first
            self.clear_find()
            return
        self.post_message(self.Closed())
